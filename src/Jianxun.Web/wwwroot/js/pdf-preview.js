// The issue page's printed pages: the real PDF, drawn page by page by the self-hosted pdf.js (npm pdfjs-dist, copied to
// wwwroot/lib/pdfjs by the build; ADR-026). It runs under the pages' CSP: a module and a module worker from 'self', no
// eval (isEvalSupported: false), fonts loaded from the PDF's own bytes. After each change on the compile page
// (compile.js fires "jianxun:compiled") the new PDF replaces the old pages once it is drawn.
import * as pdfjs from "/lib/pdfjs/pdf.min.mjs";

pdfjs.GlobalWorkerOptions.workerSrc = "/lib/pdfjs/pdf.worker.min.mjs";

let generation = 0;

async function draw(container) {
  const mine = ++generation;
  const url = container.dataset.pdf;
  const task = pdfjs.getDocument({ url, isEvalSupported: false, withCredentials: true });
  const started = performance.now();
  try {
    const doc = await task.promise;
    const width = Math.max(container.clientWidth - 24, 240);
    const ratio = window.devicePixelRatio || 1;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (width / base.width) * ratio });
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `第 ${n} 页`);
      await page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport }).promise;
      const label = document.createElement("p");
      label.className = "page-label";
      label.textContent = `— ${n} —`;
      pages.push(canvas, label);
    }
    if (mine !== generation || !container.isConnected) { return; }
    container.replaceChildren(...pages);
    container.dataset.renderedPages = String(doc.numPages);
    container.dataset.renderMs = String(Math.round(performance.now() - started));
    delete container.dataset.stale;
    await doc.destroy();
  } catch (e) {
    if (mine !== generation) { return; }
    const p = document.createElement("p");
    p.className = "muted";
    p.textContent = "无法在页面中显示 PDF，请点击下载查看。";
    const a = document.createElement("a");
    a.href = url;
    a.textContent = "打开 PDF 校样";
    p.append(" ", a);
    container.replaceChildren(p);
    container.dataset.renderedPages = "0";
  }
}

function drawAll() {
  document.querySelectorAll(".pdf-pages[data-pdf]").forEach((c) => { draw(c); });
}

document.addEventListener("jianxun:compiled", drawAll);
drawAll();
