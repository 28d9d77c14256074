// Vietnamese search (see site_plugins/SEARCH_FORMAT.md, index format version 1).
//
// On every page: Material's search shortcuts (/, s, f) focus the search box of the header.
// On the search page (theme_overrides/kc-search.html): reads the index under search/ (only the
// files a query needs), ranks, filters and shows the results, keeping the state in the URL.
// Everything inserted into the page is built with createElement/textContent: no data is ever
// parsed as HTML.
(() => {
  "use strict";

  const FORMAT_VERSION = 1;
  const PAGE_SIZE = 10;
  const MAX_TOKENS = 8;
  const EXCERPT_CHARS = 240;

  // ---------------------------------------------------------------- text (format §1)

  const TOKEN_RE = /[\p{L}\p{M}\p{N}]+/gu;
  const HAS_WORD_RE = /[\p{L}\p{M}\p{N}]/u;
  const MARKS_RE = /[\u0300-\u036f]/g;
  const TONES = new Map([
    ["\u0300", 1], // huyền
    ["\u0309", 2], // hỏi
    ["\u0303", 3], // ngã
    ["\u0301", 4], // sắc
    ["\u0323", 5], // nặng
  ]);

  /** NFC, with the eth letters Ð/ð read as Đ/đ. */
  const nfc = (s) => s.replace(/\u00d0/g, "\u0110").replace(/\u00f0/g, "\u0111").normalize("NFC");

  /** Tokens of an NFC text: maximal runs of letters, combining marks and digits. */
  const tokens = (s) => nfc(s).match(TOKEN_RE) || [];

  /** Recall key: NFD, marks U+0300–U+036F dropped, đ/Đ → d, lower case. */
  const folded = (t) => t.normalize("NFD").replace(MARKS_RE, "").replace(/[đĐ]/g, "d").toLowerCase();

  /** Exact key: NFD, lower case, the five tone marks removed (the last one kept as a digit). */
  function precise(t) {
    let tone = 0;
    let rest = "";
    for (const ch of t.normalize("NFD").toLowerCase()) {
      const digit = TONES.get(ch);
      if (digit === undefined) rest += ch;
      else tone = digit;
    }
    return rest.normalize("NFC") + tone;
  }

  const isAccented = (t) => folded(t) !== t.toLowerCase();

  function fnv1a32(key) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(key)) {
      hash ^= byte;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  /** The query as the index sees it: at most 8 tokens (by folded form, first kept), their
   *  folded keys and the keys of adjacent pairs. */
  function parseQuery(q) {
    const seen = new Set();
    const words = [];
    for (const t of tokens(q)) {
      const key = folded(t);
      if (seen.has(key)) continue;
      seen.add(key);
      words.push({ text: t, key, accented: isAccented(t), precise: precise(t) });
      if (words.length === MAX_TOKENS) break;
    }
    const bigrams = [];
    for (let i = 0; i + 1 < words.length; i++) {
      const b = words[i].key + " " + words[i + 1].key;
      if (!bigrams.includes(b)) bigrams.push(b);
    }
    return { words, keys: words.map((w) => w.key), bigrams };
  }

  // ---------------------------------------------------------------- binary files (format §3)

  const DECODER = new TextDecoder("utf-8");

  class Reader {
    constructor(buffer) {
      this.bytes = new Uint8Array(buffer);
      this.pos = 0;
    }
    varint() {
      let value = 0;
      let scale = 1;
      for (;;) {
        if (this.pos >= this.bytes.length) throw new Error("chỉ mục bị cắt cụt");
        const byte = this.bytes[this.pos++];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
        scale *= 128;
      }
    }
    skipVarint() {
      while (this.bytes[this.pos++] >= 0x80);
    }
    string() {
      const n = this.varint();
      const s = DECODER.decode(this.bytes.subarray(this.pos, this.pos + n));
      this.pos += n;
      return s;
    }
  }

  function parseDocs(buffer) {
    const r = new Reader(buffer);
    const count = r.varint();
    const day = new Int32Array(count);
    const category = new Int32Array(count);
    const provinces = new Array(count);
    for (let id = 0; id < count; id++) {
      day[id] = r.varint();
      category[id] = r.varint();
      const n = r.varint();
      const list = new Array(n);
      for (let j = 0; j < n; j++) list[j] = r.varint();
      provinces[id] = list;
    }
    return { count, day, category, provinces };
  }

  /** A shard's keys with where their postings start; postings are decoded only when asked. */
  function parseShard(buffer) {
    const r = new Reader(buffer);
    const keys = new Map();
    const count = r.varint();
    for (let k = 0; k < count; k++) {
      const key = r.string();
      const nVariants = r.varint();
      const variants = [];
      for (let v = 0; v < nVariants; v++) variants.push(r.string());
      const nPostings = r.varint();
      const offset = r.pos;
      const perPosting = nVariants > 0 ? 3 : 2;
      for (let p = 0; p < nPostings * perPosting; p++) r.skipVarint();
      keys.set(key, { key, variants, count: nPostings, offset, buffer, postings: null });
    }
    return keys;
  }

  function postingsOf(entry) {
    if (entry.postings) return entry.postings;
    const r = new Reader(entry.buffer);
    r.pos = entry.offset;
    const ids = new Uint32Array(entry.count);
    const weights = new Uint16Array(entry.count);
    const masks = entry.variants.length > 0 ? new Uint32Array(entry.count) : null;
    let id = 0;
    for (let p = 0; p < entry.count; p++) {
      id += r.varint();
      ids[p] = id;
      weights[p] = r.varint();
      if (masks) masks[p] = r.varint();
    }
    entry.postings = { ids, weights, masks };
    return entry.postings;
  }

  // ---------------------------------------------------------------- the index on the server

  class SearchIndex {
    constructor(baseUrl) {
      this.base = baseUrl; // URL of search/ (ends with a slash)
      this.site = new URL("../", baseUrl); // the site root
      this.cache = new Map();
    }
    _get(path, kind) {
      if (!this.cache.has(path)) {
        const promise = fetch(new URL(path, this.base), { credentials: "same-origin" })
          .then((response) => {
            if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
            return kind === "json" ? response.json() : response.arrayBuffer();
          })
          .catch((error) => {
            this.cache.delete(path); // a later attempt may succeed
            throw error;
          });
        this.cache.set(path, promise);
      }
      return this.cache.get(path);
    }
    meta() {
      return this._get("meta.json", "json").then((meta) => {
        if (!meta || meta.version !== FORMAT_VERSION) {
          throw new Error(`search/meta.json: phiên bản ${meta && meta.version}, cần ${FORMAT_VERSION}`);
        }
        return meta;
      });
    }
    docs() {
      if (!this._docs) this._docs = this._get("docs.bin", "bin").then(parseDocs);
      this._docs.catch(() => (this._docs = null));
      return this._docs;
    }
    shard(n) {
      const path = `s/${n}.bin`;
      const parsed = `parsed:${path}`;
      if (!this.cache.has(parsed)) {
        const promise = this._get(path, "bin").then(parseShard);
        promise.catch(() => this.cache.delete(parsed));
        this.cache.set(parsed, promise);
      }
      return this.cache.get(parsed);
    }
    doc(id) {
      return this._get(`d/${id}.json`, "json");
    }
    async lookup(keys, shards) {
      const wanted = [...new Set(keys.map((k) => fnv1a32(k) % shards))];
      const loaded = new Map();
      await Promise.all(wanted.map((n) => this.shard(n).then((s) => loaded.set(n, s))));
      return new Map(keys.map((k) => [k, loaded.get(fnv1a32(k) % shards).get(k) || null]));
    }
  }

  // ---------------------------------------------------------------- query (format §4)

  /** Ids of the matching documents, best first. ``filters``: {category, province, year} with
   *  -1 / 0 for "all"; ``byDate``: "Mới nhất" order. */
  async function search(index, query, filters, byDate) {
    const { words, keys, bigrams } = query;
    if (words.length === 0) return [];
    const meta = await index.meta();
    const [docs, entries] = await Promise.all([
      index.docs(),
      index.lookup([...keys, ...bigrams], meta.shards),
    ]);
    const syllables = keys.map((k) => entries.get(k));
    if (syllables.some((e) => e === null)) return [];

    const n = docs.count;
    const hits = new Uint8Array(n);
    const score = new Float64Array(n);
    const exact = new Uint8Array(n);
    const pairs = new Uint8Array(n);
    words.forEach((word, w) => {
      const entry = syllables[w];
      const { ids, weights, masks } = postingsOf(entry);
      const idf = Math.log(1 + meta.docs / entry.count);
      const bit = word.accented ? entry.variants.indexOf(word.precise) : -1;
      for (let p = 0; p < ids.length; p++) {
        const id = ids[p];
        if (id >= n) continue;
        hits[id]++;
        score[id] += weights[p] * idf;
        if (bit >= 0 && masks && (masks[p] >>> bit) & 1) exact[id]++;
      }
    });
    for (const b of bigrams) {
      const entry = entries.get(b);
      if (!entry) continue;
      const { ids, weights } = postingsOf(entry);
      for (let p = 0; p < ids.length; p++) {
        const id = ids[p];
        if (id >= n || hits[id] !== words.length) continue;
        pairs[id]++;
        score[id] += weights[p];
      }
    }

    const result = [];
    for (let id = 0; id < n; id++) {
      if (hits[id] !== words.length) continue;
      if (filters.category >= 0 && docs.category[id] !== filters.category) continue;
      if (filters.province >= 0 && !docs.provinces[id].includes(filters.province)) continue;
      if (filters.year > 0 && yearOf(docs.day[id]) !== filters.year) continue;
      result.push(id);
    }
    const day = docs.day;
    if (byDate) {
      result.sort((a, b) => day[b] - day[a] || a - b);
    } else {
      const phrase = (id) => (bigrams.length > 0 && pairs[id] === bigrams.length ? 1 : 0);
      result.sort(
        (a, b) =>
          phrase(b) - phrase(a) ||
          exact[b] - exact[a] ||
          pairs[b] - pairs[a] ||
          score[b] - score[a] ||
          day[b] - day[a] ||
          a - b,
      );
    }
    return result;
  }

  const yearOf = (day) => new Date(day * 86400000).getUTCFullYear();

  // ---------------------------------------------------------------- showing results

  /** Append ``text`` to ``parent``, each token whose folded form is a query key in <mark>. */
  function appendMarked(parent, text, keySet) {
    let last = 0;
    for (const m of text.matchAll(TOKEN_RE)) {
      if (!keySet.has(folded(m[0]))) continue;
      if (m.index > last) parent.append(text.slice(last, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.append(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) parent.append(text.slice(last));
  }

  /** A window of ``text`` around the best cluster of query tokens: most distinct keys, then most
   *  query pairs side by side, then most matches, then the earliest. */
  function excerpt(text, keys, bigramSet) {
    const keyIndex = new Map(keys.map((k, i) => [k, i]));
    const found = [];
    for (const m of text.matchAll(TOKEN_RE)) {
      const key = folded(m[0]);
      if (keyIndex.has(key)) {
        found.push({ start: m.index, end: m.index + m[0].length, key });
      }
    }
    let from = 0;
    if (found.length > 0) {
      let best = null;
      for (let i = 0; i < found.length; i++) {
        const distinct = new Set();
        let adjacent = 0;
        let j = i;
        for (; j < found.length && found[j].end - found[i].start <= EXCERPT_CHARS; j++) {
          distinct.add(found[j].key);
          if (j > i && bigramSet.has(found[j - 1].key + " " + found[j].key)) {
            if (!HAS_WORD_RE.test(text.slice(found[j - 1].end, found[j].start))) adjacent++;
          }
        }
        const rank = [distinct.size, adjacent, j - i];
        if (!best || rank[0] > best.rank[0] || (rank[0] === best.rank[0] &&
            (rank[1] > best.rank[1] || (rank[1] === best.rank[1] && rank[2] > best.rank[2])))) {
          best = { rank, start: found[i].start, end: found[j - 1].end };
        }
      }
      const room = EXCERPT_CHARS - (best.end - best.start);
      from = Math.max(0, Math.min(best.start - Math.floor(room / 3), text.length - EXCERPT_CHARS));
    }
    let to = Math.min(text.length, from + EXCERPT_CHARS);
    if (to < text.length) {
      // Do not cut a word: end before the last space, start after the first one.
      const space = text.lastIndexOf(" ", to);
      if (space > from + EXCERPT_CHARS / 2) to = space;
    }
    if (from > 0) {
      const space = text.indexOf(" ", from - 1);
      if (space >= 0 && space < from + 30) from = space + 1;
    }
    return { text: text.slice(from, to).trim(), before: from > 0, after: to < text.length };
  }

  function resultItem(doc, id, index, query) {
    const keySet = new Set(query.keys);
    const li = document.createElement("li");
    li.className = "kc-result";
    li.dataset.kcDoc = String(id);
    const h = document.createElement("h2");
    h.className = "kc-result__title";
    const a = document.createElement("a");
    // Only pages of this site: never a javascript: or foreign URL, whatever the index says.
    const target = typeof doc.u === "string" && doc.u ? new URL(doc.u, index.site) : null;
    if (target && target.origin === location.origin && /^https?:$/.test(target.protocol)) {
      a.href = target.href;
    }
    appendMarked(a, nfc(String(doc.t || "")), keySet);
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "kc-result__meta";
    const parts = [];
    if (typeof doc.dt === "string" && doc.dt) {
      const time = document.createElement("time");
      if (typeof doc.d === "string") time.dateTime = doc.d;
      time.textContent = doc.dt;
      parts.push(time);
    }
    for (const text of [doc.p, doc.c]) {
      if (typeof text !== "string" || !text) continue;
      const span = document.createElement("span");
      span.textContent = text;
      parts.push(span);
    }
    parts.forEach((part, i) => {
      if (i > 0) {
        const dot = document.createElement("span");
        dot.className = "kc-result__sep";
        dot.setAttribute("aria-hidden", "true");
        dot.textContent = " · ";
        meta.append(dot);
      }
      meta.append(part);
    });
    li.append(h, meta);
    const cut = excerpt(nfc(String(doc.x || "")), query.keys, new Set(query.bigrams));
    if (cut.text) {
      const p = document.createElement("p");
      p.className = "kc-result__excerpt";
      if (cut.before) p.append("… ");
      appendMarked(p, cut.text, keySet);
      if (cut.after) p.append(" …");
      li.append(p);
    }
    return li;
  }

  // ---------------------------------------------------------------- the search page

  const SORTS = ["lien-quan", "moi-nhat"];
  const NUMBER = new Intl.NumberFormat("vi-VN");

  function searchPage(root, index) {
    const form = root.querySelector("form");
    const input = form.elements.namedItem("q");
    const selCategory = form.elements.namedItem("chuyen-muc");
    const selProvince = form.elements.namedItem("tinh");
    const selYear = form.elements.namedItem("nam");
    const selSort = form.elements.namedItem("sap-xep");
    const status = root.querySelector(".kc-search__status");
    const list = root.querySelector(".kc-search__results");
    const more = root.querySelector(".kc-search__more");
    const baseTitle = document.title;
    let meta = null;
    let run = 0; // the latest search; older ones drop their results
    let current = null; // {query, ids, shown, text}

    // For tests and the benchmark: "idle", "loading", "done" (with the count) or "error".
    function setState(state, count) {
      if (count === undefined) delete root.dataset.kcCount;
      else root.dataset.kcCount = String(count);
      root.dataset.kcState = state;
      if (state === "done") performance.mark("kc-search-done");
    }

    function fill(select, pairs) {
      for (const [value, label] of pairs) {
        const option = document.createElement("option");
        option.value = String(value);
        option.textContent = String(label);
        select.append(option);
      }
    }

    function choose(select, value) {
      const ok = [...select.options].some((o) => o.value === value);
      select.value = ok ? value : select.options[0].value;
    }

    function readUrl() {
      const params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      choose(selCategory, params.get("chuyen-muc") || "");
      choose(selProvince, params.get("tinh") || "");
      choose(selYear, params.get("nam") || "");
      choose(selSort, params.get("sap-xep") || SORTS[0]);
    }

    function writeUrl() {
      const params = new URLSearchParams();
      if (input.value.trim()) params.set("q", input.value.trim());
      if (selCategory.value) params.set("chuyen-muc", selCategory.value);
      if (selProvince.value) params.set("tinh", selProvince.value);
      if (selYear.value) params.set("nam", selYear.value);
      if (selSort.value !== SORTS[0]) params.set("sap-xep", selSort.value);
      const search = params.toString();
      const url = location.pathname + (search ? "?" + search : "");
      if (url !== location.pathname + location.search) history.replaceState(history.state, "", url);
    }

    function filterLabel() {
      const parts = [];
      if (selCategory.value) parts.push("chuyên mục " + selCategory.selectedOptions[0].textContent);
      if (selProvince.value) parts.push(selProvince.selectedOptions[0].textContent);
      if (selYear.value) parts.push("năm " + selYear.value);
      return parts.length ? " (" + parts.join(", ") + ")" : "";
    }

    function say(text) {
      status.textContent = text;
    }

    async function showMore(focusFirst) {
      const state = current;
      const slice = state.ids.slice(state.shown, state.shown + PAGE_SIZE);
      if (slice.length === 0) return;
      more.disabled = true;
      const docs = await Promise.all(
        slice.map((id) => index.doc(id).catch(() => ({ t: "(Không tải được bài này)" }))),
      );
      if (state !== current) return;
      const items = docs.map((doc, i) => resultItem(doc, slice[i], index, state.query));
      list.append(...items);
      state.shown += slice.length;
      more.hidden = state.shown >= state.ids.length;
      more.disabled = false;
      if (focusFirst && items.length) items[0].querySelector("a").focus();
    }

    async function go(asked) {
      const mine = ++run;
      const text = nfc(input.value).trim().replace(/\s+/g, " ");
      writeUrl();
      list.replaceChildren();
      more.hidden = true;
      current = null;
      document.title = baseTitle;
      const query = parseQuery(text);
      if (query.words.length === 0) {
        if (text) say(`Không tìm thấy bài nào cho «${text}»${filterLabel()}`);
        else say(asked ? "Hãy nhập từ khóa cần tìm." : "");
        setState(text ? "done" : "idle", text ? 0 : undefined);
        return;
      }
      setState("loading");
      say("Đang tìm…");
      const filters = {
        category: meta.categories.findIndex(([slug]) => slug === selCategory.value),
        province: meta.provinces.findIndex(([slug]) => slug === selProvince.value),
        year: selYear.value ? Number(selYear.value) : 0,
      };
      try {
        const ids = await search(index, query, filters, selSort.value === "moi-nhat");
        if (mine !== run) return;
        current = { query, ids, shown: 0, text };
        document.title = `«${text}» – ${baseTitle}`;
        if (ids.length === 0) {
          say(`Không tìm thấy bài nào cho «${text}»${filterLabel()}. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.`);
        } else {
          await showMore(false);
          if (mine !== run) return;
          say(`Tìm thấy ${NUMBER.format(ids.length)} bài cho «${text}»${filterLabel()}`);
          performance.mark("kc-search-results");
        }
        setState("done", ids.length);
      } catch (error) {
        if (mine !== run) return;
        console.error("kc-search:", error);
        say("Không tải được dữ liệu tìm kiếm. Hãy kiểm tra kết nối rồi thử lại.");
        setState("error");
      }
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (meta) go(true);
    });
    for (const select of [selCategory, selProvince, selYear, selSort]) {
      select.addEventListener("change", () => {
        if (!meta) return;
        if (input.value.trim()) go();
        else writeUrl();
      });
    }
    more.addEventListener("click", () => {
      if (current) showMore(true);
    });

    readUrl(); // the query shows at once; the selects get their options from meta.json
    setState("loading");
    index.meta().then(
      (m) => {
        meta = m;
        fill(selCategory, m.categories);
        fill(selProvince, m.provinces);
        fill(selYear, [...m.years].sort((a, b) => b - a).map((y) => [y, y]));
        readUrl();
        go();
      },
      (error) => {
        console.error("kc-search:", error);
        say("Không tải được dữ liệu tìm kiếm. Hãy tải lại trang.");
        setState("error");
      },
    );
  }

  // ---------------------------------------------------------------- every page

  const isField = (el) =>
    el instanceof Element &&
    (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  /** Material's search shortcuts: focus our search field (the page's own on the search page). */
  function bindShortcuts(page) {
    document.addEventListener("keydown", (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
        return;
      }
      if (event.key !== "/" && event.key !== "s" && event.key !== "f") return;
      if (isField(event.target) || isField(document.activeElement)) return;
      const candidates = [
        page && page.querySelector("input[name=q]"),
        document.querySelector(".kc-search-box input[name=q]"),
      ];
      const field = candidates.find((el) => el && el.getClientRects().length > 0);
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.select();
    });
  }

  function start() {
    const page = document.querySelector("[data-kc-search]");
    bindShortcuts(page);
    if (!page) return;
    const holder = page.closest("[data-kc-index]") || document.querySelector("[data-kc-index]");
    const base = new URL(holder.getAttribute("data-kc-index"), location.href);
    if (!base.pathname.endsWith("/")) base.pathname += "/";
    searchPage(page, new SearchIndex(base));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
