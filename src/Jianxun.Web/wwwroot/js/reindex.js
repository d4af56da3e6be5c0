// The search index page (/admin/search): while a rebuild runs, asks GET /api/admin/search/reindex every second and
// shows "已索引 N / M（P%）". When the rebuild has ended it loads the page again, which shows the result, the new
// counts and the audit entries. Without script the page shows the state as it was when loaded.
(function () {
  "use strict";
  var panel = document.getElementById("reindex-status");
  if (!panel || panel.dataset.state !== "Running") { return; }
  var bar = panel.querySelector("progress");
  var text = panel.querySelector("[data-testid=reindex-text]");
  var state = panel.querySelector("[data-testid=reindex-state]");

  function show(s) {
    bar.max = Math.max(s.total, 1);
    bar.value = s.done;
    bar.textContent = s.percent + "%";
    text.textContent = "已索引 " + s.done + " / " + s.total + "（" + s.percent + "%）";
  }

  // The API asks a cookie-signed request that changes something for the page's anti-forgery token (ADR-015). This GET
  // needs none; it sends the token anyway, as every page script calling /api does.
  var tokenField = document.querySelector("input[name=__RequestVerificationToken]");
  var headers = { Accept: "application/json" };
  if (tokenField) { headers["X-CSRF-TOKEN"] = tokenField.value; }

  function poll() {
    fetch(panel.dataset.statusUrl, { credentials: "same-origin", cache: "no-store", headers: headers })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (s) {
        show(s);
        if (s.state === "Running") {
          setTimeout(poll, 1000);
        } else {
          // A GET of the page, never a reload: the page may have been the answer to a POST.
          window.location.assign(window.location.pathname);
        }
      })
      .catch(function () {
        state.textContent = "暂时无法获取进度，稍后自动重试；也可以刷新本页。";
        setTimeout(poll, 5000);
      });
  }

  setTimeout(poll, 1000);
})();
