"use strict";
(function () {
  var NUMERIC = { int: true, percent: true, change: true };
  var lang = document.documentElement.lang;

  // A grouped table keeps each unit's row and its findings in one <tbody>.
  function items(table) {
    return table.classList.contains("grouped")
      ? Array.prototype.slice.call(table.tBodies)
      : Array.prototype.slice.call(table.tBodies[0].rows);
  }

  function mainRow(item) {
    return item.tagName === "TBODY" ? item.rows[0] : item;
  }

  function columnIndex(table, key) {
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].dataset.key === key) return i;
    }
    return -1;
  }

  // Numbers and dates sort by data-value; a cell without one (—) sorts last either way.
  function sortKey(cell, kind) {
    if (cell.dataset.value !== undefined) {
      return NUMERIC[kind] ? parseFloat(cell.dataset.value) : cell.dataset.value;
    }
    if (NUMERIC[kind] || kind === "date") return null;
    var text = cell.textContent.trim();
    return text === "" ? null : text;
  }

  function compare(a, b, direction) {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    if (typeof a === "number") return direction * (a - b);
    return direction * a.localeCompare(b, lang);
  }

  function sortBy(table, th) {
    var direction = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
    var entries = items(table).map(function (item, index) {
      return { item: item, index: index, key: sortKey(mainRow(item).cells[th.cellIndex], th.dataset.kind) };
    });
    entries.sort(function (a, b) {
      return compare(a.key, b.key, direction) || a.index - b.index;
    });
    var parent = table.classList.contains("grouped") ? table : table.tBodies[0];
    entries.forEach(function (entry) { parent.appendChild(entry.item); });
  }

  function applyFilter(bar) {
    var table = document.getElementById(bar.dataset.for);
    var text = bar.querySelector("input").value.trim().toLocaleLowerCase();
    var choices = Array.prototype.map.call(bar.querySelectorAll("select"), function (select) {
      return { index: columnIndex(table, select.dataset.filter), value: select.value };
    });
    var all = items(table);
    var shown = 0;
    all.forEach(function (item) {
      var row = mainRow(item);
      var match = row.textContent.toLocaleLowerCase().indexOf(text) !== -1 &&
        choices.every(function (c) {
          return c.value === "" || row.cells[c.index].textContent.trim() === c.value;
        });
      item.classList.toggle("filtered-out", !match);
      if (match) shown++;
    });
    var output = bar.querySelector("output");
    output.textContent = output.dataset.template
      .replace("{shown}", String(shown))
      .replace("{total}", String(all.length));
  }

  function toggle(button) {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("sort")) sortBy(button.closest("table"), button.closest("th"));
    else if (button.classList.contains("toggle")) toggle(button);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".filters"), function (bar) {
    bar.addEventListener("input", function () { applyFilter(bar); });
    applyFilter(bar);
  });
})();
