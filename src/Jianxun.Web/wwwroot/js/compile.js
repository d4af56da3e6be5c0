// Drag and drop for the compile page: move an article within a column or into another, then save.
// The ↑ ↓ and "移动" buttons do the same without a mouse or without script.
(function () {
  "use strict";
  var form = document.getElementById("compile-form");
  if (!form) { return; }
  var dragged = null;

  function save() {
    var op = document.createElement("input");
    op.type = "hidden";
    op.name = "Op";
    op.value = "save";
    form.appendChild(op);
    form.requestSubmit();
  }

  form.querySelectorAll("ol.items li[draggable]").forEach(function (li) {
    li.addEventListener("dragstart", function (e) {
      dragged = li;
      li.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", li.dataset.key);
    });
    li.addEventListener("dragend", function () {
      li.classList.remove("dragging");
      dragged = null;
    });
  });

  form.querySelectorAll("ol.items").forEach(function (list) {
    list.addEventListener("dragover", function (e) {
      if (!dragged) { return; }
      e.preventDefault();
      var over = e.target.closest("li");
      list.querySelectorAll(".drop-target").forEach(function (x) { x.classList.remove("drop-target"); });
      if (over && over !== dragged) { over.classList.add("drop-target"); }
    });
    list.addEventListener("drop", function (e) {
      if (!dragged) { return; }
      e.preventDefault();
      var over = e.target.closest("li");
      if (over && over !== dragged && over.parentNode === list) {
        list.insertBefore(dragged, over);
      } else {
        list.appendChild(dragged);
      }
      dragged.querySelector(".row-section").value = list.dataset.section;
      save();
    });
  });
})();
