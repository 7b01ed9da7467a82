"""Write realistic synthetic district files for benchmarks, modelled on the Qingshan example.

Each file is a district (区) with its villages and communities inline, written the way the
examples are: block style for the structure, one line per small record, Chinese comments
at each part of the plan. Names, ids, people and numbers vary with the seed; about a third
of the units have the gaps real submissions have (a missing drill, a short rescue team, an
old plan), so the audit has findings to report. Every file is schema-valid.

    python benchmarks/generate_sites.py OUT_DIR [--small 40] [--large 20] [--seed 7]

small: about 200 lines, 3 villages; large: about 1,100 lines, 9 villages and 6 communities.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from emcheck.loading.loader import load_file

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "qingshan-district.yaml"

SIZES = {"small": (3, 0), "large": (9, 6)}
"""Villages and communities per district."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红林斌波辉宁建国峰鹏飞雪梅琳亮成云龙海燕俊文凯浩宇晨阳春松德福山水清泉河"
PLACES = "青石桃李杏柳松柏枫竹梅兰荷莲菊桂杨槐榆桑溪河湖塘泉湾港桥滩岭峰山岗坡坪原川谷林园田垄庄屯寨堡营店铺集镇坊"
DISTRICT_PLACES = "东南西北中新旧长安平宁康泰丰顺和兴隆盛华阳明光清秀"

_PERSON_KEYS = {"name", "captain", "leader"}
_LONE_TEXT = re.compile(r"[:#\[\]{},&*!|>'\"%@`]|^[-?]|^\s|\s$|^$")


def generate(size: str, index: int, seed: int) -> str:
    """The YAML text of one synthetic district."""
    rng = random.Random(f"{seed}-{size}-{index}")
    template = load_file(TEMPLATE).data
    district = _district(template, rng, index)
    villages, communities = SIZES[size]
    taken: set[str] = set()
    district["villages"] = [
        _unit(template["villages"][i % 2], district, "村", rng, taken) for i in range(villages)
    ]
    district["communities"] = [
        _unit(template["communities"][i % 2], district, "社区", rng, taken)
        for i in range(communities)
    ]
    if not district["communities"]:
        del district["communities"]
    _compact(district, 20)
    for unit in district.get("villages", []) + district.get("communities", []):
        _compact(unit, 10)
    if size == "small":
        district = _only(district, SMALL_DISTRICT_KEYS)
        district["villages"] = [_only(v, SMALL_UNIT_KEYS) for v in district["villages"]]
    return _header(district, size) + "".join(_emit(district, 0))


def _district(template: dict[str, Any], rng: random.Random, index: int) -> dict[str, Any]:
    district = {k: copy.deepcopy(v) for k, v in template.items() if k not in SUB_UNITS}
    place = rng.choice(DISTRICT_PLACES) + rng.choice(PLACES)
    name = f"{place}区"
    names = _people(district, rng)
    district = _replace(district, {"青山区": name, "青山": place, **names})
    district["id"] = f"d{index:03d}-{_slug(rng)}"
    district["name"] = f"{name}（试点）"
    if rng.random() < 0.35:
        _gap(district, rng)
    return district


SUB_UNITS = ("villages", "communities")


def _unit(
    template: dict[str, Any],
    district: dict[str, Any],
    kind: str,
    rng: random.Random,
    taken: set[str],
) -> dict[str, Any]:
    unit = copy.deepcopy(template)
    old = unit["name"]
    while True:
        place = rng.choice(PLACES) + rng.choice(PLACES)
        if place not in taken:
            taken.add(place)
            break
    new = place + kind
    unit = _replace(unit, {old: new, old.removesuffix(kind): place, **_people(unit, rng)})
    unit["id"] = f"{district['id']}-{_slug(rng)}-{len(taken)}"
    if rng.random() < 0.35:
        _gap(unit, rng)
    return unit


def _people(data: Any, rng: random.Random) -> dict[str, str]:
    """A new fictional name (X某Y) for every person named in ``data``."""
    found: set[str] = set()

    def walk(value: Any, key: str | None = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif (
            isinstance(value, str)
            and (key in _PERSON_KEYS or key == "officers")
            and "某" in value
            and len(value) <= 4
        ):
            found.add(value)

    walk(data)
    return {person: rng.choice(SURNAMES) + "某" + rng.choice(GIVEN) for person in sorted(found)}


def _replace(data: Any, names: dict[str, str]) -> Any:
    """Every exact name and every place name inside longer texts replaced."""
    if isinstance(data, dict):
        return {k: _replace(v, names) for k, v in data.items()}
    if isinstance(data, list):
        return [_replace(v, names) for v in data]
    if isinstance(data, str):
        if data in names:
            return names[data]
        for old, new in names.items():
            if len(old) > 1 and "某" not in old:
                data = data.replace(old, new)
        return data
    return data


def _gap(unit: dict[str, Any], rng: random.Random) -> None:
    """One or two of the gaps real submissions have."""
    for gap in rng.sample(_GAPS, rng.choice((1, 2))):
        gap(unit)


def _one_drill_less(unit: dict[str, Any]) -> None:
    if unit.get("drills"):
        unit["drills"].pop()


def _short_team(unit: dict[str, Any]) -> None:
    if unit.get("rescue_team", {}).get("members"):
        del unit["rescue_team"]["members"][-5:]


def _old_plan(unit: dict[str, Any]) -> None:
    if unit.get("plans"):
        unit["plans"][0]["revised_on"] = "2021-06-30"


def _flowchart_not_posted(unit: dict[str, Any]) -> None:
    if unit.get("flowchart"):
        unit["flowchart"]["posted_on_wall"] = False


def _fewer_trainings(unit: dict[str, Any]) -> None:
    if unit.get("trainings"):
        del unit["trainings"][-3:]


def _ten_ones_unfinished(unit: dict[str, Any]) -> None:
    if unit.get("ten_ones"):
        unit["ten_ones"][-1]["status"] = "未启动"


_GAPS = (
    _one_drill_less,
    _short_team,
    _old_plan,
    _flowchart_not_posted,
    _fewer_trainings,
    _ten_ones_unfinished,
)


SMALL_DISTRICT_KEYS = (
    "hazards_present",
    "hazards_absent",
    "office",
    "pilot_leading_group",
    "responsibility",
    "staff",
    "rescue_team",
    "mechanisms",
    "flowchart",
    "plans",
    "drills",
)
SMALL_UNIT_KEYS = (
    "two_committees",
    "leadership_group",
    "grids",
    "duties",
    "staff",
    "rescue_team",
    "flowchart",
    "duty_plans",
    "plans",
    "drills",
)
"""What a small pilot has filled in so far: organization, the team, plans and drills."""

IDENTITY = ("schema_version", "level", "id", "name", "pilot_year", "zone")


def _compact(unit: dict[str, Any], team_min: int) -> None:
    """The records a typical submission lists: this week's duty plans, the team it needs."""
    for key, keep in (("duty_plans", 3), ("trainings", 5), ("plans", 4)):
        if isinstance(unit.get(key), list):
            del unit[key][keep:]
    team = unit.get("rescue_team")
    if isinstance(team, dict):
        members = team["members"]
        while len(members) > team_min + 1:
            spare = [m for m in members[1:] if m["category"] not in ("网格员", "民兵")]
            members.remove(spare[-1] if spare else members[-1])
        for key in ("skills_training", "joint_mechanisms"):
            if isinstance(team.get(key), list):
                del team[key][3:]


def _only(unit: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: v for k, v in unit.items() if k in IDENTITY or k in keys or k in SUB_UNITS}


def _slug(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(6))


# ── writing YAML the way the examples are written ────────────────────────────

_COMMENTS = {
    "hazards_present": "# 辖区主要灾害风险",
    "office": "# ── 二(一) 健全组织体系 ──────────────────────────────────────────",
    "responsibility": "# ── 二(二) 健全责任体系 ──────────────────────────────────────────",
    "mechanisms": "# ── 二(三) 健全工作机制 ──────────────────────────────────────────",
    "trainings": "# ── 二(四) 强化应急能力建设 ──────────────────────────────────────",
    "funding": "# ── 二(五) 应急经费和物资保障 ────────────────────────────────────",
    "villages": "# ── 所辖村 ──────────────────────────────────────────────────────",
    "communities": "# ── 所辖社区 ────────────────────────────────────────────────────",
}
_FLOW_WIDTH = 230


def _header(district: dict[str, Any], size: str) -> str:
    name = district["name"]
    units = len(district.get("villages", [])) + len(district.get("communities", []))
    return (
        f"# {name} 基层应急管理体系、能力规范化建设试点工作自查材料\n"
        f"# 本文件内嵌所辖 {units} 个村（社区）；由 benchmarks/generate_sites.py 生成（{size}），"
        "人名、地名均为虚构。\n\n"
    )


def _emit(value: Any, indent: int, key_comments: bool = True) -> Iterator[str]:
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if key_comments and indent == 0 and key in _COMMENTS:
                yield f"\n{_COMMENTS[key]}\n"
            flow = _flow(item)
            if flow is not None and len(pad) + len(key) + len(flow) < _FLOW_WIDTH:
                yield f"{pad}{key}: {flow}\n"
            elif isinstance(item, list) and item:
                yield f"{pad}{key}:\n"
                yield from _emit(item, indent + 1)
            else:
                yield f"{pad}{key}:\n"
                yield from _emit(item, indent + 1)
    elif isinstance(value, list):
        for item in value:
            flow = _flow(item)
            if flow is not None and len(pad) + len(flow) < _FLOW_WIDTH:
                yield f"{pad}- {flow}\n"
            else:
                lines = list(_emit(item, indent + 1, key_comments=False))
                first = lines[0]
                yield f"{pad}- {first.lstrip()}"
                yield from lines[1:]
    else:
        yield f"{pad}{_scalar(value)}\n"


def _flow(value: Any) -> str | None:
    """One-line flow text of a scalar or of a record of scalars (and scalar lists)."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            inner = _flow(item)
            if inner is None:
                return None
            parts.append(f"{key}: {inner}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        parts = [_flow(item) for item in value]
        if any(part is None for part in parts):
            return None
        return "[" + ", ".join(str(part) for part in parts) + "]"
    return _scalar(value)


_RESOLVER = yaml.resolver.Resolver()


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag == "tag:yaml.org,2002:timestamp":
        return text
    if tag != "tag:yaml.org,2002:str" or _LONE_TEXT.search(text) or "\uff1a" in text[:1]:
        return json.dumps(text, ensure_ascii=False)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the files into")
    parser.add_argument("--small", type=int, default=40, help="small districts (3 villages)")
    parser.add_argument("--large", type=int, default=20, help="large districts (15 units)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for size, count in (("small", args.small), ("large", args.large)):
        for index in range(count):
            path = args.out / f"{size}-{index:03d}.yaml"
            path.write_text(generate(size, index, args.seed), encoding="utf-8")
    print(f"{args.small} small and {args.large} large district files in {args.out}")


if __name__ == "__main__":
    main()
