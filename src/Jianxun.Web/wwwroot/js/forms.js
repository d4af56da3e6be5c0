// No form drops what the user typed, and nothing that cannot be undone happens on one click (issue 17, ADR-023).
// A file because the Content-Security-Policy allows no inline script (ADR-018). The server stays the authority: these
// questions only spare the user a mistake; every move is checked again on the server.
//   <button data-confirm="确定签发吗？">  asks in a small dialog before the form is sent.
//   A form sent while another form of the page has changes asks first, so those changes are not lost unseen.
//   Leaving the page (a link, reload, closing the tab) with unsaved changes asks the browser's own question.
//   <form data-unsaved="off">  is never counted as unsaved (sign-in, searches).
(function () {
  "use strict";
  var leaving = false;
  var dialog = null;

  /** A form has unsaved changes when a field differs from what the page was served with (or compile.js marked it). */
  function isDirty(form) {
    if (form.dataset.unsaved === "off" || (form.method || "").toLowerCase() !== "post") { return false; }
    if (form.dataset.dirty === "1") { return true; }
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled) { continue; }
      var tag = el.tagName.toLowerCase();
      var type = (el.type || "").toLowerCase();
      if (type === "hidden" || type === "submit" || type === "button") { continue; }
      if (type === "checkbox" || type === "radio") {
        if (el.checked !== el.defaultChecked) { return true; }
      } else if (type === "file") {
        if (el.files && el.files.length > 0) { return true; }
      } else if (tag === "select") {
        for (var j = 0; j < el.options.length; j++) {
          var option = el.options[j];
          // A select without a selected="" option starts on its first option.
          var initially = option.defaultSelected || (j === 0 && !Array.prototype.some.call(el.options, function (o) { return o.defaultSelected; }) && !el.multiple);
          if (option.selected !== initially) { return true; }
        }
      } else if (el.value !== el.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function dirtyForms(except) {
    return Array.prototype.filter.call(document.forms, function (f) { return f !== except && isDirty(f); });
  }

  function ensureDialog() {
    if (dialog) { return dialog; }
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-text");
    dialog.setAttribute("data-testid", "confirm-dialog");
    var form = document.createElement("form");
    form.method = "dialog";
    form.dataset.unsaved = "off";
    var title = document.createElement("h2");
    title.id = "confirm-dialog-title";
    title.textContent = "请确认";
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    var buttons = document.createElement("div");
    buttons.className = "buttons";
    var ok = document.createElement("button");
    ok.value = "ok";
    ok.className = "primary";
    var cancel = document.createElement("button");
    cancel.value = "cancel";
    cancel.textContent = "取消";
    buttons.appendChild(ok);
    buttons.appendChild(cancel);
    form.appendChild(title);
    form.appendChild(text);
    form.appendChild(buttons);
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    return dialog;
  }

  /** Asks one question; resolves true only when the user chose the first button (Esc and 取消 say no). */
  function ask(message, okText) {
    var d = ensureDialog();
    d.querySelector("p").textContent = message;
    var ok = d.querySelector("button[value=ok]");
    ok.textContent = okText;
    d.returnValue = "cancel";
    return new Promise(function (resolve) {
      d.addEventListener("close", function onClose() {
        d.removeEventListener("close", onClose);
        resolve(d.returnValue === "ok");
      });
      d.showModal();
      // The safe answer has the focus: Enter does not make an irreversible move by accident.
      d.querySelector("button[value=cancel]").focus();
    });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (e.defaultPrevented || form.method === "dialog") { return; }
    if (form.dataset.confirmed === "1") {
      delete form.dataset.confirmed;
      leaving = true;
      return;
    }
    var submitter = e.submitter || null;
    var questions = [];
    if (dirtyForms(form).length > 0) {
      questions.push(["本页还有未保存的修改，继续将丢失这些修改。要继续吗？", "继续，不保存"]);
    }
    var confirmText = submitter && submitter.getAttribute("data-confirm");
    if (confirmText) {
      questions.push([confirmText, "确定" + (submitter.textContent || "").trim()]);
    }
    if (questions.length === 0) {
      leaving = true;
      return;
    }
    e.preventDefault();
    questions.reduce(function (previous, q) {
      return previous.then(function (yes) { return yes ? ask(q[0], q[1]) : false; });
    }, Promise.resolve(true)).then(function (yes) {
      if (!yes) { return; }
      form.dataset.confirmed = "1";
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
    });
  });

  window.addEventListener("beforeunload", function (e) {
    if (leaving || dirtyForms(null).length === 0) { return; }
    e.preventDefault();
    // Older browsers need returnValue set; the browser shows its own wording.
    e.returnValue = "";
  });

  // Back from the browser's cache (bfcache): a page can be left again.
  window.addEventListener("pageshow", function () { leaving = false; });
})();
