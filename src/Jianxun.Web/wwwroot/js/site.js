// Small behaviours shared by every page, wired here because the Content-Security-Policy allows no inline script
// (ADR-018): no onclick=, onchange= or javascript: links in the pages.
//   <select data-autosubmit>  sends its form when the choice changes (a <noscript> button does it without script).
//   <button data-print hidden> prints the page; shown only when script runs.
//   <button data-nav-toggle>   folds the menu on a phone (the top bar becomes "collapsible"; without script the menu stays open).
(function () {
  "use strict";
  document.querySelectorAll("[data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", function () { field.form.submit(); });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-nav-toggle]").forEach(function (button) {
    var bar = button.closest(".topbar");
    bar.classList.add("collapsible");
    button.addEventListener("click", function () {
      var open = bar.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
})();
