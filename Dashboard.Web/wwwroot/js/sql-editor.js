// The workbench's SQL editor: a textarea (which keeps editing, undo, selection and accessibility native) over a
// highlighted copy of its text, and completion of the published tables and columns. No library, served by the
// dashboard itself (the Content-Security-Policy allows scripts from 'self' only).

const keywords = new Set(("select from where group by order having limit offset join left right full inner outer cross on using as " +
    "and or not in is null like ilike between case when then else end distinct union all intersect except with recursive " +
    "asc desc nulls first last over partition filter within true false interval date timestamp timestamptz exists any " +
    "values lateral window rows range preceding following current row cast").split(" "));

const token = /(--[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|('(?:[^']|'')*'?)|("(?:[^"]|"")*"?)|(\$\d+)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g;

function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function highlight(sql, names) {
    let html = "", last = 0;
    for (const match of sql.matchAll(token)) {
        html += escape(sql.slice(last, match.index));
        const [text, comment, string, quoted, parameter, number, word] = match;
        const kind = comment ? "com" : string ? "str" : quoted ? "name" : parameter ? "param" : number ? "num"
            : keywords.has(word.toLowerCase()) ? "kw" : names.has(word.toLowerCase()) ? "name" : null;
        html += kind ? `<span class="sql-${kind}">${escape(text)}</span>` : escape(text);
        last = match.index + text.length;
    }
    // A final newline needs a character after it to take up its line in the copy.
    return html + escape(sql.slice(last)) + "\n";
}

// schema: [{ name, columns: [name] }]
export function attach(host, schemaName, tables) {
    const textarea = host.querySelector("textarea");
    const copy = host.querySelector("pre code");
    const list = host.querySelector("[role=listbox]");
    const names = new Set();
    const entries = [];
    for (const table of tables) {
        names.add(table.name);
        entries.push({ label: table.name, kind: "table", qualifier: schemaName });
        for (const column of table.columns) {
            names.add(column);
            entries.push({ label: column, kind: "column of " + table.name, qualifier: table.name });
        }
    }
    let shown = [], selected = 0, prefixStart = 0;

    const render = () => {
        copy.innerHTML = highlight(textarea.value, names);
        copy.parentElement.scrollTop = textarea.scrollTop;
        copy.parentElement.scrollLeft = textarea.scrollLeft;
    };
    const close = () => {
        shown = [];
        list.hidden = true;
        textarea.removeAttribute("aria-activedescendant");
        textarea.setAttribute("aria-expanded", "false");
    };
    const show = () => {
        list.innerHTML = shown.map((entry, index) =>
            `<li role="option" id="sql-option-${index}" aria-selected="${index === selected}" data-index="${index}">` +
            `${escape(entry.label)} <small>${escape(entry.kind)}</small></li>`).join("");
        list.hidden = false;
        textarea.setAttribute("aria-expanded", "true");
        textarea.setAttribute("aria-activedescendant", "sql-option-" + selected);
    };
    const suggest = () => {
        const before = textarea.value.slice(0, textarea.selectionStart);
        const match = /([A-Za-z_][A-Za-z0-9_]*\.)?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
        const qualifier = match[1] ? match[1].slice(0, -1).toLowerCase() : null;
        const prefix = (match[2] || "").toLowerCase();
        if (!qualifier && prefix.length < 2) {
            close();
            return;
        }
        prefixStart = textarea.selectionStart - prefix.length;
        // After "analysis." the tables; after a table's name its columns; after an alias, every column.
        const tableNames = new Set(tables.map(table => table.name));
        const candidates = entries.filter(entry =>
            entry.label.toLowerCase().startsWith(prefix) && entry.label.toLowerCase() !== prefix &&
            (!qualifier || (qualifier === schemaName ? entry.kind === "table" : tableNames.has(qualifier) ? entry.qualifier === qualifier : entry.kind !== "table")));
        const seen = new Set();
        // The shortest first: "users" before "user_activities" after "us".
        shown = candidates.filter(entry => !seen.has(entry.label) && seen.add(entry.label))
            .sort((a, b) => a.label.length - b.label.length || a.label.localeCompare(b.label)).slice(0, 8);
        selected = 0;
        shown.length ? show() : close();
    };
    const accept = index => {
        const entry = shown[index];
        textarea.setRangeText(entry.label, prefixStart, textarea.selectionStart, "end");
        close();
        // Blazor's binding listens for input events.
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
        textarea.focus();
    };

    textarea.addEventListener("input", () => { render(); suggest(); });
    textarea.addEventListener("scroll", render);
    textarea.addEventListener("blur", () => setTimeout(close, 150));
    textarea.addEventListener("keydown", event => {
        if (!shown.length) {
            return;
        }
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            selected = (selected + (event.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length;
            show();
        } else if (event.key === "Enter" || event.key === "Tab") {
            accept(selected);
        } else if (event.key === "Escape") {
            close();
        } else {
            return;
        }
        event.preventDefault();
    });
    list.addEventListener("mousedown", event => {
        const item = event.target.closest("[data-index]");
        if (item) {
            event.preventDefault();
            accept(Number(item.dataset.index));
        }
    });
    host.sqlEditorRender = render;
    render();
}

// Text from the server (a library query, a version, a re-run): into the textarea, and the copy drawn again.
export function setValue(host, text) {
    host.querySelector("textarea").value = text;
    host.sqlEditorRender?.();
}
