// The compile page without reloads (issue 17, point 8; ADR-026). The compile form works without script: every button
// (↑ ↓, 移动, ✕, 加入, 保存并刷新预览) posts the whole form to the page, which saves and redirects back. With script, this
// file sends the same form with fetch to the same handler (its anti-forgery field included), reads the page the
// server answers (the redirected page, or the page with its errors) and puts its <main> in place of ours: the scroll
// position, the focus and the address stay, and pdf-preview.js draws the new PDF. Drag and drop and the keyboard
// shortcuts (listed in _CompileShortcuts.cshtml) press the same buttons. The moves of the issue (送签 …) still leave the
// page as before.
(function () {
  "use strict";
  var busy = false;
  // A button pressed while a change is on its way: pressed again, on the new form, once the page is back.
  var pending = null;

  function compileForm() { return document.getElementById("compile-form"); }

  /** Which control had the focus, by what survives a re-render: the article's key and the control's name or value. */
  function focusToken() {
    var el = document.activeElement;
    if (!el || !compileForm() || !compileForm().contains(el)) { return null; }
    var li = el.closest("li[data-key]");
    return { key: li ? li.dataset.key : null, name: el.getAttribute("name"), value: el.getAttribute("value"), tag: el.tagName };
  }

  function restoreFocus(token) {
    if (!token) { return; }
    var scope = token.key ? document.querySelector("li[data-key='" + token.key + "']") : compileForm();
    if (!scope) { return; }
    var target = Array.prototype.find.call(scope.querySelectorAll("button, input, select, textarea"), function (el) {
      return el.getAttribute("name") === token.name && (el.tagName !== "BUTTON" || el.getAttribute("value") === token.value);
    }) || (token.key ? scope : null);
    if (target) {
      target.focus({ preventScroll: true });
      if (token.key) { scope.classList.add("moved"); }
    }
  }

  function isField(el) {
    var type = (el.type || "").toLowerCase();
    return el.name && !el.disabled && type !== "hidden" && type !== "submit" && type !== "button" && type !== "file";
  }

  /**
   * What the user changed in the old form after it was sent (typed while the page was on its way): carried into the new
   * form, where it stays unsaved (forms.js counts it), so nothing typed is lost by the re-render.
   */
  function carryOver(oldForm, sent, newForm) {
    if (!oldForm || !newForm) { return; }
    Array.prototype.forEach.call(oldForm.elements, function (el) {
      if (!isField(el)) { return; }
      var same = Array.prototype.filter.call(newForm.elements, function (x) { return x.name === el.name && x.type === el.type; });
      if (el.type === "checkbox" || el.type === "radio") {
        var wasSent = sent.getAll(el.name).indexOf(el.value) >= 0;
        if (el.checked === wasSent) { return; }
        same.forEach(function (x) { if (x.value === el.value) { x.checked = el.checked; } });
      } else if (el.tagName !== "SELECT" && sent.get(el.name) !== el.value && same.length === 1) {
        same[0].value = el.value;
      }
    });
  }

  /** Sends the compile form as the button would, without leaving the page; falls back to a plain post when that fails. */
  function send(form, submitter) {
    busy = true;
    var scroll = { x: window.scrollX, y: window.scrollY };
    var token = focusToken();
    var body = new FormData(form, submitter);
    var sent = new FormData(form);
    form.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("text/html") < 0) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html");
        var main = document.querySelector("main");
        var fresh = next.querySelector("main");
        if (!main || !fresh || !fresh.querySelector("#compile-form, [data-testid=issue-status]")) { throw new Error("unexpected page"); }
        // Keep the PDF pages on screen until the new ones are drawn, so the page does not jump.
        var oldPages = main.querySelector(".pdf-pages");
        var newPages = fresh.querySelector(".pdf-pages");
        if (oldPages && newPages && oldPages.querySelector("canvas")) {
          newPages.replaceChildren.apply(newPages, Array.prototype.slice.call(oldPages.childNodes));
          newPages.dataset.stale = "1";
        }
        var shortcutsOpen = !!(document.getElementById("shortcuts") || {}).open;
        carryOver(form, sent, fresh.querySelector("#compile-form"));
        main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
        document.title = next.title;
        if (shortcutsOpen && document.getElementById("shortcuts")) { document.getElementById("shortcuts").open = true; }
        window.scrollTo(scroll.x, scroll.y);
        restoreFocus(token);
        document.dispatchEvent(new CustomEvent("jianxun:compiled"));
      })
      .catch(function () {
        // Let the browser post the form itself: the server answers as it does without script.
        form.dataset.plain = "1";
        if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
      })
      .finally(function () {
        busy = false;
        var f = compileForm();
        if (f) { f.removeAttribute("aria-busy"); }
        var next = pending;
        pending = null;
        if (next && f) {
          var button = Array.prototype.find.call(f.querySelectorAll("button[name=Op]"), function (b) { return b.value === next; })
            || f.querySelector("button[name=Op][value=save]");
          f.requestSubmit(button);
        }
      });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.id !== "compile-form" || e.defaultPrevented) { return; }
    if (form.dataset.plain === "1") { delete form.dataset.plain; return; }
    var submitter = e.submitter || null;
    // The moves of the issue (送签 …) post to another handler and leave the page; forms.js handles their questions.
    if (submitter && submitter.getAttribute("formaction")) { return; }
    e.preventDefault();
    if (busy) {
      pending = submitter ? submitter.value : "save";
      return;
    }
    send(form, submitter);
  }, true);

  /** Presses a button of the compile form as the user would (requestSubmit runs the submit listeners). */
  function press(button) {
    var form = compileForm();
    if (form && button) { form.requestSubmit(button); }
  }

  function pressSave() {
    var form = compileForm();
    if (form) { press(form.querySelector("button[name=Op][value=save]")); }
  }

  // Drag and drop: move the article within a column or into another, then save.
  var dragged = null;
  document.addEventListener("dragstart", function (e) {
    var li = e.target.closest && e.target.closest("#compile-form ol.items li[draggable]");
    if (!li) { return; }
    dragged = li;
    li.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", li.dataset.key);
  });
  document.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    dragged = null;
  });
  document.addEventListener("dragover", function (e) {
    var list = dragged && e.target.closest && e.target.closest("#compile-form ol.items");
    if (!list) { return; }
    e.preventDefault();
    var over = e.target.closest("li");
    list.querySelectorAll(".drop-target").forEach(function (x) { x.classList.remove("drop-target"); });
    if (over && over !== dragged) { over.classList.add("drop-target"); }
  });
  document.addEventListener("drop", function (e) {
    var list = dragged && e.target.closest && e.target.closest("#compile-form ol.items");
    if (!list) { return; }
    e.preventDefault();
    var over = e.target.closest("li");
    if (over && over !== dragged && over.parentNode === list) {
      list.insertBefore(dragged, over);
    } else {
      list.appendChild(dragged);
    }
    dragged.querySelector(".row-section").value = list.dataset.section;
    pressSave();
  });

  // Keyboard shortcuts (listed in _CompileShortcuts.cshtml, on the page and on /help).
  function isTyping(el) {
    if (!el) { return false; }
    var tag = el.tagName;
    return tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && !/^(checkbox|radio|button|submit)$/i.test(el.type)) || el.isContentEditable;
  }

  document.addEventListener("keydown", function (e) {
    var form = compileForm();
    if (!form || e.defaultPrevented || busy) { return; }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "s" || e.key === "S")) {
      e.preventDefault();
      pressSave();
      return;
    }
    if (e.key === "?" && !e.ctrlKey && !e.altKey && !e.metaKey && !isTyping(e.target)) {
      var box = document.getElementById("shortcuts");
      if (box) {
        e.preventDefault();
        box.open = !box.open;
        if (box.open) { box.querySelector("summary").focus(); }
      }
      return;
    }
    if (e.key === "Escape") {
      var open = document.getElementById("shortcuts");
      if (open && open.open) { open.open = false; }
      return;
    }
    if (!e.altKey || e.ctrlKey || e.metaKey) { return; }
    var li = document.activeElement && document.activeElement.closest && document.activeElement.closest("#compile-form ol.items li[data-key]");
    if (!li) { return; }
    var key = li.dataset.key;
    var button = null;
    if (e.key === "ArrowUp") {
      button = li.querySelector("button[value='up:" + key + "']");
    } else if (e.key === "ArrowDown") {
      button = li.querySelector("button[value='down:" + key + "']");
    } else if (e.key === "Delete" || e.key === "Backspace") {
      button = li.querySelector("button[value='remove:" + key + "']");
    } else if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      var select = li.querySelector("select[name^='MoveTo']");
      var to = select ? select.selectedIndex + (e.key === "ArrowLeft" ? -1 : 1) : -1;
      if (select && to >= 0 && to < select.options.length) {
        select.selectedIndex = to;
        button = li.querySelector("button[value='move:" + key + "']");
      } else {
        e.preventDefault();
        return;
      }
    }
    if (button) {
      e.preventDefault();
      // After the move the focus comes back to the same button of the same article, so the key can be pressed again.
      button.focus({ preventScroll: true });
      press(button);
    }
  });
})();
