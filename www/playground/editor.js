// The rules editor: a plain textarea (no editor library) with a line-number
// gutter, problem lines and columns marked under the text, a clickable
// list of problems that moves the caret to line:column, and Tab that
// indents. Lines never wrap, so line N is always at (N - 1) line heights.

/** The UTF-16 offset of 1-based `line`:`column` (columns count characters). */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  let chars = 1;
  for (const ch of text.slice(offset)) {
    if (chars >= column || ch === "\n") break;
    offset += ch.length;
    chars += 1;
  }
  return offset;
}

export class Editor {
  /**
   * @param {HTMLElement} root    the .editor element (gutter + .code)
   * @param {HTMLOListElement} list where problems are listed
   * @param {(text: string) => void} onInput
   */
  constructor(root, list, onInput) {
    this.textarea = root.querySelector("textarea");
    this.gutter = root.querySelector(".gutter");
    this.marks = root.querySelector(".marks");
    this.list = list;
    this.problems = [];
    this.escaped = false;
    this.textarea.addEventListener("input", () => {
      this.renderGutter();
      onInput(this.textarea.value);
    });
    this.textarea.addEventListener("scroll", () => this.sync());
    this.textarea.addEventListener("keydown", (e) => this.indent(e));
  }

  get value() {
    return this.textarea.value;
  }

  set value(text) {
    this.textarea.value = text;
    this.renderGutter();
  }

  /** Shows `problems` ({severity, path, line, column, message}) in the gutter, under the text and in the list. */
  show(problems) {
    this.problems = problems;
    this.renderGutter();
    this.list.replaceChildren(
      ...problems.map((p) => {
        const item = document.createElement("li");
        item.className = p.severity;
        const button = document.createElement("button");
        button.type = "button";
        const where = document.createElement("span");
        where.className = "where";
        where.textContent = `${p.line}:${p.column}`;
        const path = document.createElement("span");
        path.className = "path";
        path.textContent = p.path;
        button.append(where, path, document.createTextNode(p.message));
        button.addEventListener("click", () => this.reveal(p.line, p.column));
        item.append(button);
        return item;
      }),
    );
  }

  /** Puts the caret at line:column and scrolls it into view. */
  reveal(line, column) {
    const offset = offsetOf(this.textarea.value, line, column);
    this.textarea.focus();
    this.textarea.setSelectionRange(offset, offset);
    const lineHeight = this.lineHeight();
    this.textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
    this.sync();
  }

  lineHeight() {
    return parseFloat(getComputedStyle(this.textarea).lineHeight) || 20;
  }

  renderGutter() {
    const count = this.textarea.value.split("\n").length;
    const severity = new Map();
    for (const p of this.problems) {
      if (severity.get(p.line) !== "error") severity.set(p.line, p.severity);
    }
    const rows = [];
    for (let n = 1; n <= count; n += 1) {
      const row = document.createElement("div");
      row.textContent = String(n);
      if (severity.has(n)) row.className = severity.get(n);
      rows.push(row);
    }
    this.gutter.replaceChildren(...rows);
    this.renderMarks();
    this.sync();
  }

  /** Problem lines as bands under the transparent textarea, columns as bars. */
  renderMarks() {
    const style = getComputedStyle(this.textarea);
    const top = parseFloat(style.paddingTop) || 0;
    const left = parseFloat(style.paddingLeft) || 0;
    const h = this.lineHeight();
    const marks = [];
    for (const p of this.problems) {
      const band = document.createElement("div");
      band.className = `mark-line ${p.severity}`;
      band.style.top = `${top + (p.line - 1) * h}px`;
      const col = document.createElement("div");
      col.className = `mark-col ${p.severity}`;
      col.style.top = band.style.top;
      col.style.left = `calc(${left}px + ${Math.max(p.column - 1, 0)}ch)`;
      marks.push(band, col);
    }
    this.marks.replaceChildren(...marks);
  }

  /** Keeps the gutter and the marks scrolled with the text. */
  sync() {
    const { scrollTop, scrollLeft } = this.textarea;
    this.gutter.firstElementChild?.style.setProperty("margin-top", `${-scrollTop}px`);
    this.marks.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
  }

  /** Tab indents by two spaces instead of leaving the editor (Esc, then Tab, leaves). */
  indent(e) {
    if (e.key === "Escape") this.escaped = true;
    if (e.key !== "Tab") return;
    if (this.escaped || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) {
      this.escaped = false;
      return;
    }
    e.preventDefault();
    const { selectionStart: start, selectionEnd: end } = this.textarea;
    this.textarea.setRangeText("  ", start, end, "end");
    this.textarea.dispatchEvent(new Event("input"));
  }
}
