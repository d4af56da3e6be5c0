// 新建下一期 says which number it will create (issue 17, point 8): the server writes the next numbers of each series for
// this year on its <option>; this follows the chosen series and the date. In another year the 期号 restarts, which the
// server knows only when the issue is made, so the button then names the year and the running total only.
(function () {
  "use strict";
  var form = document.querySelector("form[data-next-issue]");
  if (!form) { return; }
  var select = form.querySelector("select[name=SeriesId]");
  var date = form.querySelector("input[name=Date]");
  var button = form.querySelector("[data-testid=create-next]");

  function update() {
    var option = select.options[select.selectedIndex];
    if (!option || !option.dataset.total) { button.textContent = "新建下一期"; return; }
    var year = (date.value || "").slice(0, 4);
    if (!year || year === option.dataset.year) {
      button.textContent = "新建 " + option.dataset.year + "年第" + option.dataset.number + "期（总第" + option.dataset.total + "期）";
    } else {
      button.textContent = "新建 " + year + "年的下一期（总第" + option.dataset.total + "期）";
    }
  }

  select.addEventListener("change", update);
  date.addEventListener("change", update);
  update();
})();
