// 从 Word 文档导入 on 写稿 (issue 22, ADR-030). The document goes to the page's FromDocument handler, which proposes a
// draft and saves nothing; this script fills the article form with it, lists the photos as pending (files held by the
// browser in the form's Form.Photos input, captions editable) and shows the original lines marked by what they became.
// 保存 then sends the article and its photos in one request. Also: pasting from Word/WPS into the body keeps paragraphs
// and drops styling (the server cleans again on save). A file because the CSP allows no inline script (ADR-018).
(function () {
  "use strict";
  var article = document.querySelector("form.article-form");
  var body = article ? article.querySelector("textarea[name='Form.Body']") : null;

  // ---------------------------------------------------------------- paste from Word/WPS: paragraphs, no styling
  if (body) {
    body.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) { return; }
      var html = data.getData("text/html");
      var text = html ? paragraphsOfHtml(html) : cleanParagraphs(data.getData("text/plain"));
      if (text === null) { return; }
      e.preventDefault();
      var start = body.selectionStart, end = body.selectionEnd;
      body.value = body.value.slice(0, start) + text + body.value.slice(end);
      body.selectionStart = body.selectionEnd = start + text.length;
      body.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  /** Word's HTML: one paragraph per <p>/<div>/<li>/heading, soft breaks joined, no styles, comments or Office tags. */
  function paragraphsOfHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var blocks = doc.body ? doc.body.querySelectorAll("p, div, li, h1, h2, h3, h4, h5, h6, td") : [];
    var lines = [];
    Array.prototype.forEach.call(blocks, function (el) {
      if (el.querySelector("p, div, li, h1, h2, h3, h4, h5, h6, td")) { return; }
      lines.push(el.textContent);
    });
    if (lines.length === 0) { lines = (doc.body ? doc.body.textContent : "").split(/\n/); }
    return cleanParagraphs(lines.join("\n"));
  }

  /** One paragraph a line: indents, full-width spaces and spaces between Chinese characters removed, empty lines dropped. */
  function cleanParagraphs(text) {
    if (!text) { return null; }
    return text.replace(/\r\n?/g, "\n").split("\n").map(function (line) {
      return line.replace(/[\s\u3000\u00a0]+/g, " ").trim()
        .replace(/([^\x00-\x7f]) (?=[^\x00-\x7f])/g, "$1").replace(/([^\x00-\x7f]) (?=[\x00-\x7f])/g, "$1").replace(/([\x00-\x7f]) (?=[^\x00-\x7f])/g, "$1");
    }).filter(function (line) { return line.length > 0; }).join("\n");
  }

  // ---------------------------------------------------------------- the document upload
  var box = document.querySelector("[data-from-document]");
  if (!box || !article) { return; }
  var file = box.querySelector("input[type='file']");
  var read = box.querySelector("[data-from-document-read]");
  var status = box.querySelector("[data-from-document-status]");
  var notes = box.querySelector("[data-from-document-notes]");
  var original = box.querySelector("[data-from-document-original]");
  var source = box.querySelector("[data-from-document-source]");
  var tokenField = box.querySelector("input[name='__RequestVerificationToken']");
  var pendingBox = article.querySelector("[data-pending-photos]");
  var pendingList = article.querySelector("[data-pending-list]");
  var pendingInput = article.querySelector("[data-pending-input]");
  var pending = [];

  read.addEventListener("click", function () {
    if (!file.files || file.files.length === 0) { say("请先选择要导入的文档。", true); return; }
    var data = new FormData();
    data.append("document", file.files[0]);
    if (tokenField) { data.append("__RequestVerificationToken", tokenField.value); }
    read.disabled = true;
    say("正在识别，请稍候……", false);
    fetch(box.dataset.url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; }, function () {
          return { ok: false, json: { errors: [response.status === 413 ? "文件过大，超过上传上限。" : "识别失败（" + response.status + "），请稍后再试。"] } };
        });
      })
      .then(function (result) {
        if (!result.ok) { say((result.json.errors || ["识别失败。"]).join("；"), true); return; }
        fill(result.json);
        say("已识别《" + (result.json.title || "（无标题）") + "》：正文 " + result.json.paragraphs.length + " 段，图片 " + result.json.photos.length +
          " 张。请核对下面的内容，修改后点“保存”。", false);
      })
      .catch(function () { say("网络错误，未能识别，请稍后再试。", true); })
      .then(function () { read.disabled = false; });
  });

  function say(text, error) {
    status.textContent = text;
    status.className = error ? "error" : "";
    status.setAttribute("data-testid", error ? "document-error" : "document-status");
  }

  function field(name) { return article.querySelector("[name='" + name + "']"); }

  function set(name, value) {
    var el = field(name);
    if (el) { el.value = value; el.dispatchEvent(new Event("input", { bubbles: true })); }
  }

  function fill(draft) {
    set("Form.Title", draft.title);
    set("Form.Body", draft.paragraphs.join("\n"));
    if (draft.eventDate) { set("Form.EventDate", draft.eventDate); }
    if (draft.authors.length) { set("Form.Authors", draft.authors.join(" ")); }
    if (draft.contactPhone) { set("Form.ContactPhone", draft.contactPhone); }
    draft.units.forEach(function (u) {
      var box = article.querySelector("input[name='Form.UnitIds'][value='" + u.id + "']");
      if (box) { box.checked = true; }
    });

    notes.textContent = "";
    draft.notes.forEach(function (n) { var li = document.createElement("li"); li.textContent = n; notes.appendChild(li); });

    source.textContent = "";
    draft.source.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line.text;
      li.className = "fd-" + line.role.toLowerCase();
      li.title = { Title: "标题", Paragraph: "正文", Photo: "图片", Caption: "图片说明", Credit: "署名", Ignored: "未使用" }[line.role] || "";
      source.appendChild(li);
    });
    original.hidden = false;
    original.open = true;

    pending = draft.photos.map(function (p) {
      var bytes = Uint8Array.from(atob(p.data), function (c) { return c.charCodeAt(0); });
      return { file: new File([bytes], p.fileName, { type: p.contentType }), caption: p.caption, width: p.width, height: p.height };
    });
    renderPending();
  }

  /** The pending photos as rows (name, size, caption, 移除), and the same files in the form's Form.Photos input. */
  function renderPending() {
    pendingList.textContent = "";
    var transfer = new DataTransfer();
    pending.forEach(function (p, i) {
      transfer.items.add(p.file);
      var li = document.createElement("li");
      li.setAttribute("data-testid", "pending-photo");
      var name = document.createElement("span");
      name.textContent = "图片 " + (i + 1) + "（" + p.file.name + "，" + p.width + "×" + p.height + "）";
      var caption = document.createElement("input");
      caption.type = "text";
      caption.name = "Form.PhotoCaptions";
      caption.maxLength = 200;
      caption.placeholder = "图片说明";
      caption.value = p.caption;
      caption.setAttribute("aria-label", "图片 " + (i + 1) + " 的说明");
      caption.addEventListener("input", function () { p.caption = caption.value; });
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "移除";
      remove.addEventListener("click", function () { pending.splice(i, 1); renderPending(); });
      li.appendChild(name);
      li.appendChild(caption);
      li.appendChild(remove);
      pendingList.appendChild(li);
    });
    pendingInput.files = transfer.files;
    pendingBox.hidden = pending.length === 0;
  }
})();
