// Vietnamese search (see site_plugins/SEARCH_FORMAT.md, index format version 2).
//
// Every page: the search box of the header shows the best results while the reader types (a
// listbox under the box, arrow keys to move, Enter to open; Enter with nothing chosen opens the
// search page). On phones the header's search icon opens that box over the header with the
// cursor in it, so the keyboard opens. Material's shortcuts (/, s, f) focus the box.
// The search page (theme_overrides/kc-search.html): the list updates as the reader types,
// filters and order, "did you mean" links; the state is kept in the URL.
// Each index file is fetched at most once per page view, and only when a query needs it.
// Everything inserted into the page is built with createElement/textContent: no data is ever
// parsed as HTML.
(() => {
  "use strict";

  const FORMAT_VERSION = 2;
  const PAGE_SIZE = 10; // results per "page" of the search page
  const BOX_SIZE = 5; // results in the header's list
  const MAX_TOKENS = 8;
  const EXCERPT_CHARS = 240;
  const DEBOUNCE_MS = 60; // typing: wait this long after the last keystroke
  const FEW = 3; // fewer phrase matches than this: look for a "did you mean"
  const MAX_SUGGESTIONS = 3;

  // ---------------------------------------------------------------- text (format §1)

  const TOKEN_RE = /[\p{L}\p{M}\p{N}]+/gu;
  const ENDS_IN_WORD_RE = /[\p{L}\p{M}\p{N}]$/u;
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

  /** Tokens of a text: maximal runs of letters, combining marks and digits. */
  const tokens = (s) => nfc(s).match(TOKEN_RE) || [];

  /** Recall key: NFD, marks U+0300–U+036F dropped, đ/Đ → d, lower case. */
  const foldedOf = (t) => t.normalize("NFD").replace(MARKS_RE, "").replace(/[đĐ]/g, "d").toLowerCase();

  // Results show the same words again and again: fold each once (a bounded memo).
  const FOLDED = new Map();
  function folded(t) {
    let key = FOLDED.get(t);
    if (key === undefined) {
      if (FOLDED.size >= 50000) FOLDED.clear();
      key = foldedOf(t);
      FOLDED.set(t, key);
    }
    return key;
  }

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

  // ---------------------------------------------------------------- queries (format §4)

  const token = (text) => ({ text, key: folded(text), precise: precise(text), accented: isAccented(text) });

  /** A query from its tokens: the distinct keys every result must have, the adjacent pairs of
   *  the phrase, and whether the reader typed diacritics (then every word's diacritics count). */
  function makeQuery(list, typed, partial) {
    const seen = new Set();
    const words = [];
    for (const t of list) {
      if (seen.has(t.key)) continue;
      seen.add(t.key);
      words.push(t);
    }
    const bigrams = [];
    for (let i = 0; i + 1 < list.length; i++) {
      const b = list[i].key + " " + list[i + 1].key;
      if (!bigrams.includes(b)) bigrams.push(b);
    }
    return {
      tokens: list,
      words,
      keys: words.map((w) => w.key),
      bigrams,
      accented: list.some((t) => t.accented),
      typed, // the text as the reader wrote it (spaces squeezed)
      shown: typed, // the text the results are for (with the completed word, if any)
      partial, // the last word is still being typed: it may be completed (§4.1)
    };
  }

  /** ``partial``: the reader is typing and the text ends inside its last word. A last word of
   *  one letter after others is left out while typing (it has barely begun: searching for it
   *  would fetch shards the finished word does not need). */
  function parseQuery(text, partial = false) {
    const all = tokens(text);
    const list = all.slice(0, MAX_TOKENS).map(token);
    let typing = partial && all.length <= MAX_TOKENS && ENDS_IN_WORD_RE.test(text);
    let shown = text;
    if (typing && list.length > 1 && list[list.length - 1].key.length === 1) {
      const last = list.pop();
      shown = text.slice(0, text.length - last.text.length).trimEnd();
      typing = false;
    }
    const query = makeQuery(list, text, typing);
    query.shown = shown;
    return query;
  }

  /** The last word while it is typed: a word of the index as it is, else the most frequent word
   *  of words.json that starts with it (agreeing with the diacritics typed so far, if any). */
  function complete(query, words) {
    if (!query.partial || !words) return query;
    const last = query.tokens[query.tokens.length - 1];
    if (words.rank.has(last.key)) return query;
    const letters = last.precise.slice(0, -1);
    const tone = last.precise.slice(-1);
    let pick = -1;
    for (let i = 0; i < words.keys.length; i++) {
      if (!words.keys[i].startsWith(last.key)) continue;
      if (pick < 0) pick = i;
      if (!last.accented) break;
      const p = words.precise[i];
      if (p.startsWith(letters) && (tone === "0" || p.slice(-1) === tone)) {
        pick = i;
        break;
      }
    }
    if (pick < 0) return query;
    const word = words.list[pick];
    const done = { ...token(word), accented: false, completed: true };
    const result = makeQuery([...query.tokens.slice(0, -1), done], query.typed, false);
    result.shown = query.typed.slice(0, query.typed.length - last.text.length) + word;
    return result;
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
      const zigzag = r.varint(); // days since 1970, signed (SEARCH_FORMAT.md)
      day[id] = zigzag % 2 ? -(zigzag + 1) / 2 : zigzag / 2;
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

  /** words.json: the most frequent words, most frequent first (format §3). */
  function parseWords(list) {
    const words = { list: [], keys: [], precise: [], rank: new Map() };
    for (const word of Array.isArray(list) ? list : []) {
      if (typeof word !== "string" || !word) continue;
      const key = folded(word);
      if (words.rank.has(key)) continue;
      words.rank.set(key, words.list.length);
      words.list.push(word);
      words.keys.push(key);
      words.precise.push(precise(word));
    }
    return words;
  }

  /** names.json: [name, documents, alias…]; each form as its folded words. */
  function parseNames(list) {
    const names = [];
    for (const row of Array.isArray(list) ? list : []) {
      if (!Array.isArray(row) || typeof row[0] !== "string") continue;
      const forms = [];
      row.forEach((text, i) => {
        if (i === 1 || typeof text !== "string") return;
        const keys = tokens(text).map(folded);
        if (keys.length) forms.push({ key: keys.join(" "), size: keys.length, own: i === 0 });
      });
      if (forms.length && forms[0].own) names.push({ name: nfc(row[0]), count: Number(row[1]) || 0, forms });
    }
    return names;
  }

  // ---------------------------------------------------------------- the index on the server

  /** One per page: every file is fetched once (a failed fetch may be tried again). */
  class SearchIndex {
    constructor(baseUrl) {
      this.base = baseUrl; // URL of search/ (ends with a slash)
      this.site = new URL("../", baseUrl); // the site root
      this.cache = new Map();
    }
    _get(path, kind, parse) {
      if (!this.cache.has(path)) {
        const promise = fetch(new URL(path, this.base), { credentials: "same-origin" })
          .then((response) => {
            if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
            if (kind === "json") return response.json();
            return kind === "text" ? response.text() : response.arrayBuffer();
          })
          .then((data) => (parse ? parse(data) : data))
          .catch((error) => {
            this.cache.delete(path); // a later attempt may succeed
            throw error;
          });
        this.cache.set(path, promise);
      }
      return this.cache.get(path);
    }
    meta() {
      return this._get("meta.json", "json", (meta) => {
        if (!meta || meta.version !== FORMAT_VERSION) {
          throw new Error(`search/meta.json: phiên bản ${meta && meta.version}, cần ${FORMAT_VERSION}`);
        }
        return meta;
      });
    }
    docs() {
      return this._get("docs.bin", "bin", parseDocs);
    }
    words() {
      return this._get("words.json", "json", parseWords);
    }
    names() {
      return this._get("names.json", "json", parseNames);
    }
    shard(n) {
      return this._get(`s/${n}.bin`, "bin", parseShard);
    }
    doc(id) {
      return this._get(`d/${id}.json`, "json");
    }
    text(id) {
      return this._get(`x/${id}.txt`, "text");
    }
    async lookup(keys, shards) {
      const wanted = [...new Set(keys.map((k) => fnv1a32(k) % shards))];
      const loaded = new Map();
      await Promise.all(wanted.map((n) => this.shard(n).then((s) => loaded.set(n, s))));
      return new Map(keys.map((k) => [k, loaded.get(fnv1a32(k) % shards).get(k) || null]));
    }
  }

  // ---------------------------------------------------------------- search (format §4)

  /** The matching documents: ``phrase`` (every adjacent pair of the query adjacent in the
   *  document: the results the count counts) and ``others`` (every word, not together), each
   *  best first; ``missing``: query keys no document has. ``filters``: {category, province,
   *  year} with -1 / 0 for "all"; ``byDate``: "Mới nhất" order. */
  async function search(index, query, filters, byDate) {
    const { words, keys, bigrams } = query;
    const none = { phrase: [], others: [], missing: [] };
    if (words.length === 0) return none;
    const meta = await index.meta();
    const [docs, entries] = await Promise.all([
      index.docs(),
      index.lookup([...keys, ...bigrams], meta.shards),
    ]);
    const missing = keys.filter((k) => entries.get(k) === null);
    if (missing.length > 0) return { ...none, missing };

    const n = docs.count;
    const hits = new Uint8Array(n);
    const score = new Float64Array(n);
    const exact = new Uint8Array(n);
    const pairs = new Uint8Array(n);
    words.forEach((word) => {
      const entry = entries.get(word.key);
      const { ids, weights, masks } = postingsOf(entry);
      const idf = Math.log(1 + meta.docs / entry.count);
      const bit = query.accented && !word.completed ? entry.variants.indexOf(word.precise) : -1;
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

    const phrase = [];
    const others = [];
    for (let id = 0; id < n; id++) {
      if (hits[id] !== words.length) continue;
      if (filters.category >= 0 && docs.category[id] !== filters.category) continue;
      if (filters.province >= 0 && !docs.provinces[id].includes(filters.province)) continue;
      if (filters.year > 0 && yearOf(docs.day[id]) !== filters.year) continue;
      (pairs[id] === bigrams.length ? phrase : others).push(id);
    }
    const day = docs.day;
    const order = byDate
      ? (a, b) => day[b] - day[a] || a - b
      : (a, b) =>
          exact[b] - exact[a] ||
          pairs[b] - pairs[a] ||
          score[b] - score[a] ||
          day[b] - day[a] ||
          a - b;
    phrase.sort(order);
    others.sort(order);
    return { phrase, others, missing };
  }

  const yearOf = (day) => new Date(day * 86400000).getUTCFullYear();

  // ---------------------------------------------------------------- "did you mean" (format §4.6)

  const CHEAP = new Set(["c|k", "k|c", "i|y", "y|i", "s|x", "x|s", "d|z", "z|d"]);
  const indel = (ch) => (ch === " " ? 0.5 : 1);

  /** Edit distance of two folded texts (optimal string alignment): a space inserted or
   *  removed and the confusable letters c/k, i/y, s/x, d/z cost ½, other edits and swapping
   *  two neighbours 1. Infinity once it exceeds ``limit``. */
  let rows = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > 2 * limit) return Infinity;
    const m = b.length;
    if (rows[0].length <= m) rows = rows.map(() => new Float64Array(2 * m + 2));
    let [before, prev, cur] = rows;
    prev[0] = 0;
    for (let j = 1; j <= m; j++) prev[j] = prev[j - 1] + indel(b[j - 1]);
    for (let i = 1; i <= a.length; i++) {
      const ca = a[i - 1];
      cur[0] = prev[0] + indel(ca);
      let low = cur[0];
      for (let j = 1; j <= m; j++) {
        const cb = b[j - 1];
        const sub = ca === cb ? 0 : CHEAP.has(ca + "|" + cb) ? 0.5 : 1;
        let v = Math.min(prev[j] + indel(ca), cur[j - 1] + indel(cb), prev[j - 1] + sub);
        if (i > 1 && j > 1 && ca === b[j - 2] && a[i - 2] === cb && ca !== cb) {
          v = Math.min(v, before[j - 2] + 1);
        }
        cur[j] = v;
        if (v < low) low = v;
      }
      if (low > limit) return Infinity;
      [before, prev, cur] = [prev, cur, before];
    }
    return prev[m] <= limit ? prev[m] : Infinity;
  }

  /** How far a folded text may be from a suggestion: by its number of letters. */
  function limitFor(key) {
    const letters = key.replace(/ /g, "").length;
    return letters <= 3 ? 0 : letters <= 5 ? 1 : 2;
  }

  /** Better queries than ``query`` (which found ``result``): runs of its words replaced by the
   *  closest names (provinces, categories, tags, authors, or a known misspelling of one), and
   *  words no document has by the closest frequent word; only those that find more. */
  async function suggest(index, query, result, filters, byDate) {
    const toks = query.tokens;
    const n = toks.length;
    if (n === 0) return [];
    const missing = new Set(result.missing);
    // words.json only to replace words no document has (it may be there already: typing).
    const [names, words] = await Promise.all([
      index.names().catch(() => []),
      missing.size > 0 ? index.words().catch(() => null) : null,
    ]);
    const right = new Uint8Array(n); // inside a run that is already a name, as typed
    const spans = [];
    for (let len = n; len >= 1; len--) {
      for (let i = 0; i + len <= n; i++) {
        const j = i + len;
        if (len === 1 && !missing.has(toks[i].key)) continue;
        if (right.subarray(i, j).some((x) => x)) continue;
        const key = toks.slice(i, j).map((t) => t.key).join(" ");
        const limit = limitFor(key);
        const found = [];
        let isName = false;
        for (const entry of names) {
          let best = Infinity;
          for (const form of entry.forms) {
            if (Math.abs(form.size - len) > 1) continue;
            if (form.key === key) {
              if (form.own) isName = true;
              best = 0;
              break;
            }
            if (limit > 0) best = Math.min(best, distance(key, form.key, limit));
          }
          if (isName) break;
          if (best <= limit) found.push({ text: entry.name, d: best, count: entry.count });
        }
        if (isName) {
          right.fill(1, i, j);
          continue;
        }
        if (found.length === 0) continue;
        found.sort((a, b) => a.d - b.d || b.count - a.count || (a.text < b.text ? -1 : 1));
        spans.push({ i, j, found });
      }
    }
    spans.sort((a, b) => a.found[0].d - b.found[0].d || b.j - b.i - (a.j - a.i) || a.i - b.i);
    const chosen = [];
    const taken = new Uint8Array(n);
    for (const span of spans) {
      if (taken.subarray(span.i, span.j).some((x) => x)) continue;
      taken.fill(1, span.i, span.j);
      chosen.push(span);
    }
    const fixed = new Map(); // token position -> a frequent word
    if (words) {
      toks.forEach((t, k) => {
        if (taken[k] || !missing.has(t.key)) return;
        // The beginning of a word (as typed in the box, then Enter): the word, as typing
        // completes it.
        const start = t.key.length >= 2 ? words.keys.findIndex((w) => w.startsWith(t.key)) : -1;
        if (start >= 0) {
          fixed.set(k, words.list[start]);
          return;
        }
        const limit = limitFor(t.key);
        let best = null;
        for (let w = 0; w < words.keys.length && limit > 0; w++) {
          const d = distance(t.key, words.keys[w], limit);
          if (d <= limit && (!best || d < best.d)) best = { d, word: words.list[w] };
        }
        if (best) fixed.set(k, best.word);
      });
    }
    if (chosen.length === 0 && fixed.size === 0) return [];
    const build = (first) => {
      const parts = [];
      for (let k = 0; k < n; ) {
        const span = chosen.find((s) => s.i === k);
        if (span) {
          parts.push(span === chosen[0] && first ? first : span.found[0].text);
          k = span.j;
        } else {
          parts.push(fixed.get(k) || toks[k].text);
          k++;
        }
      }
      return parts.join(" ");
    };
    const texts = [build(null)];
    if (chosen.length) for (const alt of chosen[0].found.slice(1, MAX_SUGGESTIONS)) texts.push(build(alt.text));
    const own = query.keys.join(" ");
    const out = [];
    for (const text of new Set(texts)) {
      const q = parseQuery(text);
      if (q.keys.join(" ") === own) continue;
      const r = await search(index, q, filters, byDate);
      const better =
        r.phrase.length > result.phrase.length ||
        (result.phrase.length === 0 && r.phrase.length === 0 && r.others.length > result.others.length);
      if (better) out.push({ text, count: r.phrase.length || r.others.length });
    }
    return out;
  }

  // ---------------------------------------------------------------- highlighting (format §4.7)

  /** What to show in <mark> in the texts of one document (format §4.7). ``phrase``: the
   *  document contains the whole query as a phrase; then only the occurrences of the whole
   *  query are marked. Otherwise runs of two or more query words in the query's order are
   *  marked, and query words that are in no such run anywhere in the document alone. When the
   *  reader typed diacritics and some occurrences in the document agree with them, only those.
   *  ``marker.ranges(text)``: [start, end] of the tokens to mark, in order. */
  function marker(query, phrase, texts) {
    const q = query.tokens;
    const n = q.length;
    const keySet = new Set(query.keys);
    const agrees = (tok, j) => !query.accented || q[j].completed || precise(tok.text) === q[j].precise;

    function scan(text) {
      const toks = [];
      for (const m of text.matchAll(TOKEN_RE)) {
        toks.push({ start: m.index, end: m.index + m[0].length, key: folded(m[0]), text: m[0] });
      }
      const found = []; // [first token, length, every token agrees]
      if (phrase) {
        for (let i = 0; i + n <= toks.length; i++) {
          let k = 0;
          while (k < n && toks[i + k].key === q[k].key) k++;
          if (k === n) found.push([i, n, q.every((_, j) => agrees(toks[i + j], j))]);
        }
        return { toks, found };
      }
      const inRun = new Uint8Array(toks.length);
      for (let i = 0; i < toks.length; ) {
        let best = 0;
        for (let j = 0; j < n; j++) {
          let len = 0;
          while (i + len < toks.length && j + len < n && toks[i + len].key === q[j + len].key) len++;
          best = Math.max(best, len);
        }
        if (best >= 2) {
          found.push([i, best, true]);
          inRun.fill(1, i, i + best);
          i += best;
        } else i++;
      }
      const singles = [];
      toks.forEach((tok, i) => {
        if (inRun[i] || !keySet.has(tok.key)) return;
        singles.push([i, tok.key, agrees(tok, q.findIndex((t) => t.key === tok.key))]);
      });
      return { toks, found, singles };
    }

    const scans = new Map();
    const scanned = (text) => {
      if (!scans.has(text)) scans.set(text, scan(text));
      return scans.get(text);
    };
    let exactPhrase = false;
    const covered = new Set(); // keys in a run somewhere in the document
    const exactSingle = new Set(); // keys with an agreeing lone occurrence somewhere
    for (const text of texts) {
      if (!text || n === 0) continue;
      const { toks, found, singles } = scanned(text);
      for (const [i, len, exact] of found) {
        if (exact) exactPhrase = true;
        if (!phrase) for (let k = i; k < i + len; k++) covered.add(toks[k].key);
      }
      for (const [, key, exact] of singles || []) if (exact) exactSingle.add(key);
    }

    return {
      ranges(text) {
        if (!text || n === 0) return [];
        const { toks, found, singles } = scanned(text);
        const ranges = [];
        for (const [i, len, exact] of found) {
          if (phrase && exactPhrase && !exact) continue;
          for (let k = i; k < i + len; k++) ranges.push([toks[k].start, toks[k].end]);
        }
        for (const [i, key, exact] of singles || []) {
          if (covered.has(key) || (exactSingle.has(key) && !exact)) continue;
          ranges.push([toks[i].start, toks[i].end]);
        }
        return ranges.sort((a, b) => a[0] - b[0]);
      },
    };
  }

  /** Append ``text`` to ``parent`` with ``ranges`` in <mark>. */
  function appendMarked(parent, text, ranges) {
    let last = 0;
    for (const [start, end] of ranges) {
      if (start < last) continue;
      if (start > last) parent.append(text.slice(last, start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.append(mark);
      last = end;
    }
    if (last < text.length) parent.append(text.slice(last));
  }

  /** A window of ``text`` around the most marked tokens (the earliest such window), cut
   *  between words. */
  function excerpt(text, ranges) {
    let from = 0;
    let first = text.length; // the first marked character the window must keep
    if (ranges.length > 0) {
      let best = null;
      for (let i = 0, j = 0; i < ranges.length; i++) {
        if (j < i) j = i;
        while (j + 1 < ranges.length && ranges[j + 1][1] - ranges[i][0] <= EXCERPT_CHARS) j++;
        if (!best || j - i + 1 > best.count) {
          best = { count: j - i + 1, start: ranges[i][0], end: ranges[j][1] };
        }
      }
      const room = Math.max(0, EXCERPT_CHARS - (best.end - best.start));
      from = Math.max(0, Math.min(best.start - Math.floor(room / 3), text.length - EXCERPT_CHARS));
      from = Math.min(from, best.start);
      first = best.start;
    }
    let to = Math.min(text.length, from + EXCERPT_CHARS);
    if (to < text.length) {
      // Do not cut a word: end before the last space, start after the first one.
      const space = text.lastIndexOf(" ", to);
      if (space > from + EXCERPT_CHARS / 2) to = space;
    }
    if (from > 0) {
      const space = text.indexOf(" ", from - 1);
      if (space >= 0 && space < from + 30 && space < first) from = space + 1;
    }
    while (from < to && text[from] === " ") from++;
    while (to > from && text[to - 1] === " ") to--;
    const inside = ranges
      .filter(([s, e]) => s >= from && e <= to)
      .map(([s, e]) => [s - from, e - from]);
    return { text: text.slice(from, to), ranges: inside, before: from > 0, after: to < text.length };
  }

  // ---------------------------------------------------------------- showing results

  const str = (value) => (typeof value === "string" ? nfc(value) : "");
  const strings = (value) => (Array.isArray(value) ? value.map(str).filter(Boolean) : []);

  /** The address of a result: only pages of this site, never a javascript: or foreign URL,
   *  whatever the index says. */
  function docHref(doc, index) {
    const target = typeof doc.u === "string" && doc.u ? new URL(doc.u, index.site) : null;
    if (target && target.origin === location.origin && /^https?:$/.test(target.protocol)) {
      return target.href;
    }
    return null;
  }

  function separated(parent, parts, separator) {
    parts.forEach((part, i) => {
      if (i > 0) {
        const dot = document.createElement("span");
        dot.className = "kc-result__sep";
        dot.setAttribute("aria-hidden", "true");
        dot.textContent = separator;
        parent.append(dot);
      }
      parent.append(part);
    });
  }

  function markedSpan(text, marks, className) {
    const span = document.createElement("span");
    if (className) span.className = className;
    appendMarked(span, text, marks.ranges(text));
    return span;
  }

  /** The texts of a document that are shown, for its marker. */
  const shownTexts = (doc) => [str(doc.t), str(doc.p), str(doc.c), ...strings(doc.g), ...strings(doc.a), str(doc.x)];

  /** Tags and authors, when the query matched one of them (they are not shown otherwise). */
  function labelsLine(doc, marks) {
    const groups = [];
    for (const [label, values] of [["Thẻ", strings(doc.g)], ["Tác giả", strings(doc.a)]]) {
      if (!values.some((v) => marks.ranges(v).length > 0)) continue;
      const group = document.createElement("span");
      group.append(label + ": ");
      separated(group, values.map((v) => markedSpan(v, marks)), ", ");
      groups.push(group);
    }
    if (groups.length === 0) return null;
    const p = document.createElement("p");
    p.className = "kc-result__labels";
    separated(p, groups, " · ");
    return p;
  }

  function resultItem(doc, id, index, query, phrase) {
    const marks = marker(query, phrase, shownTexts(doc));
    const li = document.createElement("li");
    li.className = "kc-result";
    li.dataset.kcDoc = String(id);
    const h = document.createElement("h2");
    h.className = "kc-result__title";
    const a = document.createElement("a");
    const href = docHref(doc, index);
    if (href) a.href = href;
    const title = str(doc.t);
    appendMarked(a, title, marks.ranges(title));
    h.append(a);
    const meta = document.createElement("p");
    meta.className = "kc-result__meta";
    const parts = [];
    if (str(doc.dt)) {
      const time = document.createElement("time");
      if (typeof doc.d === "string") time.dateTime = doc.d;
      time.textContent = str(doc.dt);
      parts.push(time);
    }
    for (const text of [str(doc.p), str(doc.c)]) if (text) parts.push(markedSpan(text, marks));
    separated(meta, parts, " · ");
    li.append(h, meta);
    const labels = labelsLine(doc, marks);
    if (labels) li.append(labels);
    const text = str(doc.x);
    const cut = excerpt(text, marks.ranges(text));
    if (cut.text) {
      const p = document.createElement("p");
      p.className = "kc-result__excerpt";
      if (cut.before) p.append("… ");
      appendMarked(p, cut.text, cut.ranges);
      if (cut.after) p.append(" …");
      li.append(p);
    }
    return li;
  }

  const NUMBER = new Intl.NumberFormat("vi-VN");
  const loadDoc = (index, id) => index.doc(id).catch(() => ({ t: "(Không tải được bài này)" }));

  /** A document with its text (``x``), for the search page. */
  const loadDocText = (index, id) =>
    Promise.all([loadDoc(index, id), index.text(id).catch(() => "")]).then(([doc, x]) => ({
      ...doc,
      x,
    }));

  /** The text after "Có phải bạn muốn tìm: " as links; ``href(text)`` gives each address. */
  function suggestionLinks(parent, suggestions, href, onPick) {
    parent.append("Có phải bạn muốn tìm: ");
    suggestions.forEach((s, i) => {
      if (i > 0) parent.append(", ");
      const a = document.createElement("a");
      a.href = href(s.text);
      a.textContent = s.text;
      a.className = "kc-suggestion";
      if (onPick) a.addEventListener("click", (event) => onPick(event, s.text));
      parent.append(a);
    });
    parent.append("?");
  }

  /** Debounced runs for typing: ``fn(timeStamp)`` DEBOUNCE_MS after the last input event
   *  (input events while an input method composes a letter wait for the letter). */
  function typing(input, fn) {
    let timer = 0;
    const schedule = (event) => {
      if (event.isComposing) return;
      const at = event.timeStamp;
      clearTimeout(timer);
      timer = setTimeout(() => fn(at), DEBOUNCE_MS);
    };
    input.addEventListener("input", schedule);
    input.addEventListener("compositionend", schedule);
    return () => clearTimeout(timer);
  }

  /** The reader is typing at the end of the box: the last word may be unfinished. */
  const typingAtEnd = (input) =>
    input.selectionStart === input.value.length && ENDS_IN_WORD_RE.test(input.value);

  const squeeze = (value) => nfc(value).trim().replace(/\s+/g, " ");

  // ---------------------------------------------------------------- the search page

  const SORTS = ["lien-quan", "moi-nhat"];

  function searchPage(root, index) {
    const form = root.querySelector("form");
    const input = form.elements.namedItem("q");
    const selCategory = form.elements.namedItem("chuyen-muc");
    const selProvince = form.elements.namedItem("tinh");
    const selYear = form.elements.namedItem("nam");
    const selSort = form.elements.namedItem("sap-xep");
    const selects = [selCategory, selProvince, selYear, selSort];
    const toggle = root.querySelector(".kc-search__filters-toggle");
    const status = root.querySelector(".kc-search__status");
    const hint = root.querySelector(".kc-search__suggest");
    const list = root.querySelector(".kc-search__results");
    const othersTitle = root.querySelector(".kc-search__others-title");
    const others = root.querySelector(".kc-search__results--others");
    const more = root.querySelector(".kc-search__more");
    const baseTitle = document.title;
    let meta = null;
    let run = 0; // the latest search; older ones drop their results
    let current = null; // {query, ids, phrase (count), shown}

    root.dataset.kcJs = "";

    // For tests and the benchmark: "idle", "loading", "done" (with the counts and the text
    // the results are for) or "error".
    function setState(state, result, text) {
      for (const name of ["kcCount", "kcOthers", "kcQuery"]) delete root.dataset[name];
      if (result) {
        root.dataset.kcCount = String(result.phrase.length);
        root.dataset.kcOthers = String(result.others.length);
      }
      if (text !== undefined) root.dataset.kcQuery = text;
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
      showFilterCount();
    }

    function params(q) {
      const p = new URLSearchParams();
      if (q) p.set("q", q);
      if (selCategory.value) p.set("chuyen-muc", selCategory.value);
      if (selProvince.value) p.set("tinh", selProvince.value);
      if (selYear.value) p.set("nam", selYear.value);
      if (selSort.value !== SORTS[0]) p.set("sap-xep", selSort.value);
      return p.toString();
    }

    function writeUrl() {
      const search = params(input.value.trim());
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

    // Narrow screens: the filters fold behind one button that says how many are chosen.
    function showFilterCount() {
      if (!toggle) return;
      const n = [selCategory, selProvince, selYear].filter((s) => s.value).length;
      const count = toggle.querySelector(".kc-search__filters-count");
      count.textContent = n ? `\u00a0(${n})` : "";
    }
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", () => {
        const open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        root.classList.toggle("kc-search--filters-open", open);
      });
    }

    function say(text) {
      status.textContent = text;
    }

    function showHint(suggestions) {
      hint.replaceChildren();
      hint.hidden = suggestions.length === 0;
      if (suggestions.length === 0) return;
      suggestionLinks(
        hint,
        suggestions,
        (text) => "?" + params(text),
        (event, text) => {
          if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
          event.preventDefault();
          input.value = text;
          go({ asked: true });
        },
      );
    }

    /** The next PAGE_SIZE results of ``state`` as list items (the documents fetched). */
    async function nextItems(state) {
      const slice = state.ids.slice(state.shown, state.shown + PAGE_SIZE);
      const docs = await Promise.all(slice.map((id) => loadDocText(index, id)));
      return docs.map((doc, i) => {
        const phrase = state.shown + i < state.phrase;
        return { item: resultItem(doc, slice[i], index, state.query, phrase), phrase };
      });
    }

    function place(state, items) {
      for (const { item, phrase } of items) {
        if (phrase) {
          list.append(item);
        } else {
          others.append(item);
          others.hidden = othersTitle.hidden = false;
        }
      }
      state.shown += items.length;
      more.hidden = state.shown >= state.ids.length;
      more.disabled = false;
    }

    async function showMore(focusFirst) {
      const state = current;
      if (!state || state.shown >= state.ids.length) return;
      more.disabled = true;
      const items = await nextItems(state);
      if (state !== current) return;
      place(state, items);
      if (focusFirst && items.length) items[0].item.querySelector("a").focus();
    }

    function clear() {
      list.replaceChildren();
      others.replaceChildren();
      others.hidden = othersTitle.hidden = true;
      more.hidden = true;
      current = null;
    }

    /** Search for what the box says. ``how.typed``: run by typing (timeStamp ``how.at``). */
    async function go(how = {}) {
      cancelTyping();
      const mine = ++run;
      const text = squeeze(input.value);
      writeUrl();
      showFilterCount();
      let query = parseQuery(text, !!how.typed && typingAtEnd(input));
      if (query.words.length === 0) {
        clear();
        showHint([]);
        document.title = baseTitle;
        if (text) say(`Không tìm thấy bài nào cho «${text}»${filterLabel()}`);
        else say(how.asked ? "Hãy nhập từ khóa cần tìm." : "");
        setState(text ? "done" : "idle", text ? { phrase: [], others: [] } : null, text);
        return;
      }
      setState("loading");
      if (!how.typed) say("Đang tìm…");
      const filters = {
        category: meta.categories.findIndex(([slug]) => slug === selCategory.value),
        province: meta.provinces.findIndex(([slug]) => slug === selProvince.value),
        year: selYear.value ? Number(selYear.value) : 0,
      };
      const byDate = selSort.value === "moi-nhat";
      try {
        if (query.partial) query = complete(query, await index.words().catch(() => null));
        const result = await search(index, query, filters, byDate);
        if (mine !== run) return;
        // "Did you mean": for few results; while typing only when there is none (each
        // suggestion is searched too: typing must stay fast).
        const found = result.phrase.length + result.others.length;
        const hints = how.typed ? found === 0 : result.phrase.length < FEW;
        const suggestions = hints ? await suggest(index, query, result, filters, byDate) : [];
        if (mine !== run) return;
        const P = result.phrase.length;
        const S = result.others.length;
        const state = { query, ids: [...result.phrase, ...result.others], phrase: P, shown: 0 };
        const items = await nextItems(state);
        if (mine !== run) return;
        clear();
        current = state;
        const f = filterLabel();
        const shown = query.shown;
        if (P > 0) say(`Tìm thấy ${NUMBER.format(P)} bài cho «${shown}»${f}`);
        else if (S > 0) {
          say(
            `Không có bài nào chứa nguyên cụm «${shown}»${f}; ` +
              `${NUMBER.format(S)} bài có đủ các từ nhưng không liền nhau.`,
          );
        } else say(`Không tìm thấy bài nào cho «${shown}»${f}. Hãy thử từ khóa khác hoặc bỏ bớt bộ lọc.`);
        othersTitle.textContent =
          P > 0
            ? `${NUMBER.format(S)} bài khác có đủ các từ nhưng không liền nhau`
            : "Các bài có đủ các từ nhưng không liền nhau";
        place(state, items);
        showHint(suggestions);
        document.title = `«${shown}» – ${baseTitle}`;
        if (items.length) performance.mark("kc-search-results");
        setState("done", result, text);
        if (how.typed) {
          performance.measure("kc-search-typing", { start: how.at, detail: { box: "page", text } });
        }
      } catch (error) {
        if (mine !== run) return;
        console.error("kc-search:", error);
        say("Không tải được dữ liệu tìm kiếm. Hãy kiểm tra kết nối rồi thử lại.");
        setState("error");
      }
    }

    const cancelTyping = typing(input, (at) => {
      if (meta) go({ typed: true, at });
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (meta) go({ asked: true });
    });
    for (const select of selects) {
      select.addEventListener("change", () => {
        if (!meta) return;
        if (input.value.trim()) go();
        else {
          writeUrl();
          showFilterCount();
        }
      });
    }
    more.addEventListener("click", () => showMore(true));

    readUrl(); // the query shows at once; the selects get their options from meta.json
    setState("loading");
    index.meta().then(
      (m) => {
        meta = m;
        fill(selCategory, m.categories);
        fill(selProvince, m.provinces);
        fill(selYear, [...m.years].sort((a, b) => b - a).map((y) => [y, y]));
        const typed = input.value; // the reader may have typed before meta.json came
        readUrl();
        if (typed && typed !== input.value) input.value = typed;
        go();
      },
      (error) => {
        console.error("kc-search:", error);
        say("Không tải được dữ liệu tìm kiếm. Hãy tải lại trang.");
        setState("error");
      },
    );
    return { input };
  }

  // ---------------------------------------------------------------- the header's box

  const SVG = "http://www.w3.org/2000/svg";

  function closeIcon() {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(SVG, "path");
    path.setAttribute(
      "d",
      "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
    );
    svg.append(path);
    return svg;
  }

  function headerBox(form, index, link, pageInput) {
    const input = form.elements.namedItem("q");
    const header = form.closest(".md-header") || document.body;
    const listId = "kc-search-box-list";
    const panel = document.createElement("div");
    panel.className = "kc-search-box__panel";
    panel.hidden = true;
    const note = document.createElement("p");
    note.className = "kc-search-box__note";
    const listbox = document.createElement("div");
    listbox.id = listId;
    listbox.className = "kc-search-box__list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Kết quả tìm kiếm");
    panel.append(note, listbox);
    const live = document.createElement("p");
    live.className = "kc-visually-hidden";
    live.setAttribute("role", "status");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "kc-search-box__close md-icon";
    close.title = "Đóng";
    close.setAttribute("aria-label", "Đóng ô tìm kiếm");
    close.append(closeIcon());
    form.append(close, panel, live);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    form.dataset.kcState = "idle";

    let run = 0;
    let active = null;
    let shownFor = null; // the text the panel's content is for

    const pageUrl = (q) => {
      const url = new URL(form.action, location.href);
      url.search = q ? "?" + new URLSearchParams({ q }).toString() : "";
      return url.href;
    };

    function setActive(option) {
      if (active) active.setAttribute("aria-selected", "false");
      active = option;
      if (option) {
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function openPanel() {
      if (!listbox.firstChild && !note.textContent) return;
      panel.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function closePanel() {
      setActive(null);
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    // Phones: the header's search icon opens the box over the header, cursor in the box.
    function openOverlay() {
      form.classList.add("kc-search-box--open");
      header.classList.add("kc-search-open");
      input.focus();
      openPanel();
    }

    function closeOverlay(refocus) {
      if (!form.classList.contains("kc-search-box--open")) return;
      form.classList.remove("kc-search-box--open");
      header.classList.remove("kc-search-open");
      closePanel();
      if (refocus && link) link.focus();
    }

    if (link) {
      link.addEventListener("click", (event) => {
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        if (pageInput) {
          // On the search page: its own box (already there, with the filters).
          pageInput.focus();
          pageInput.select();
          pageInput.scrollIntoView({ block: "center" });
        } else {
          openOverlay();
        }
      });
    }
    close.addEventListener("click", () => closeOverlay(true));

    function option(id, className, href) {
      const a = document.createElement("a");
      a.id = `kc-search-box-option-${id}`;
      a.className = "kc-search-box__option " + className;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      if (href) a.href = href;
      return a;
    }

    async function go(at) {
      const mine = ++run;
      const text = squeeze(input.value);
      let query = parseQuery(text, typingAtEnd(input));
      if (query.words.length === 0) {
        listbox.replaceChildren();
        note.textContent = "";
        live.textContent = "";
        shownFor = text;
        closePanel();
        form.dataset.kcState = "idle";
        return;
      }
      form.dataset.kcState = "loading";
      try {
        if (query.partial) query = complete(query, await index.words().catch(() => null));
        const none = { category: -1, province: -1, year: 0 };
        const result = await search(index, query, none, false);
        if (mine !== run) return;
        const P = result.phrase.length;
        const S = result.others.length;
        const suggestions = P + S === 0 ? await suggest(index, query, result, none, false) : [];
        if (mine !== run) return;
        const phrase = P > 0;
        const ids = (phrase ? result.phrase : result.others).slice(0, BOX_SIZE);
        const docs = await Promise.all(ids.map((id) => loadDoc(index, id)));
        if (mine !== run) return;
        const options = [];
        docs.forEach((doc, i) => {
          const a = option(i, "kc-search-box__result", docHref(doc, index));
          a.dataset.kcDoc = String(ids[i]);
          const marks = marker(query, phrase, shownTexts(doc));
          const title = markedSpan(str(doc.t), marks, "kc-search-box__title");
          const line = document.createElement("span");
          line.className = "kc-search-box__meta";
          const parts = [];
          if (str(doc.dt)) parts.push(str(doc.dt));
          if (str(doc.p)) parts.push(markedSpan(str(doc.p), marks));
          separated(line, parts, " · ");
          a.append(title, line);
          options.push(a);
        });
        suggestions.forEach((s, i) => {
          const a = option(`goi-y-${i}`, "kc-search-box__suggestion", pageUrl(s.text));
          a.append("Có phải bạn muốn tìm: ");
          const b = document.createElement("strong");
          b.textContent = s.text;
          a.append(b, "?");
          options.push(a);
        });
        if (P + S > 0) {
          const all = option("tat-ca", "kc-search-box__all", pageUrl(query.shown));
          all.textContent = P > 0
            ? `Xem tất cả ${NUMBER.format(P)} bài cho «${query.shown}»`
            : `Xem ${NUMBER.format(S)} bài có đủ các từ`;
          options.push(all);
        }
        const shown = query.shown;
        note.textContent =
          P > 0
            ? ""
            : S > 0
              ? `Không có bài nào chứa nguyên cụm «${shown}»; các bài có đủ các từ:`
              : `Không tìm thấy bài nào cho «${shown}».`;
        live.textContent =
          P > 0 ? `${NUMBER.format(P)} bài cho «${shown}»` : note.textContent;
        setActive(null);
        listbox.replaceChildren(...options);
        shownFor = text;
        if (document.activeElement === input) openPanel();
        form.dataset.kcCount = String(P);
        form.dataset.kcOthers = String(S);
        form.dataset.kcQuery = text;
        form.dataset.kcState = "done";
        if (at !== undefined) {
          performance.measure("kc-search-typing", { start: at, detail: { box: "header", text } });
        }
      } catch (error) {
        if (mine !== run) return;
        console.error("kc-search:", error);
        listbox.replaceChildren();
        note.textContent = "Không tải được dữ liệu tìm kiếm.";
        openPanel();
        form.dataset.kcState = "error";
      }
    }

    const cancelTyping = typing(input, (at) => go(at));
    input.addEventListener("focus", () => {
      if (shownFor !== null && shownFor === squeeze(input.value)) openPanel();
    });
    input.addEventListener("keydown", (event) => {
      if (event.isComposing) return;
      const options = [...listbox.querySelectorAll("[role=option]")];
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (options.length === 0) return;
        event.preventDefault();
        openPanel();
        const i = options.indexOf(active);
        const down = event.key === "ArrowDown";
        // The box itself is the position before the first option and after the last one.
        const next = i < 0 ? (down ? 0 : options.length - 1) : down ? i + 1 : i - 1;
        setActive(next >= 0 && next < options.length ? options[next] : null);
      } else if (event.key === "Enter") {
        cancelTyping();
        if (active && !panel.hidden && active.href) {
          event.preventDefault();
          location.assign(active.href);
        }
        // Otherwise the form goes to the search page with the query (also without JS).
      } else if (event.key === "Escape") {
        if (!panel.hidden) {
          event.preventDefault();
          closePanel();
        } else if (form.classList.contains("kc-search-box--open")) {
          event.preventDefault();
          closeOverlay(true);
        }
      }
    });
    form.addEventListener("focusout", (event) => {
      const to = event.relatedTarget;
      if (to && form.contains(to)) return;
      closePanel();
      // Focus went to something else on the page: the phone's box closes too. (A tap on the
      // page that only hides the keyboard moves focus nowhere: the box stays.)
      if (to) closeOverlay(false);
    });
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
    const box = document.querySelector("form.kc-search-box");
    const link = document.querySelector(".kc-search-link");
    bindShortcuts(page);
    const holder = (page && page.closest("[data-kc-index]")) || document.querySelector("[data-kc-index]");
    if (!holder) return;
    const base = new URL(holder.getAttribute("data-kc-index"), location.href);
    if (!base.pathname.endsWith("/")) base.pathname += "/";
    const index = new SearchIndex(base); // one per page: the box and the page share its files
    const pageParts = page ? searchPage(page, index) : null;
    if (box) headerBox(box, index, link, pageParts && pageParts.input);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
