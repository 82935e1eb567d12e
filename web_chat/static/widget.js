/*
 * Storybook web chat widget. Plain ES2020, no build step, no dependencies.
 *
 * One script tag is enough on any site (it loads its own widget.css from next to itself, and talks to
 * the server it was loaded from):
 *   <script src="https://bot.example.com/webchat/static/widget.js" async></script>
 *     optional: data-title="Storybook" data-api-base="https://..." data-open="true" (start open)
 * With no [data-storybook-chat] element on the page this shows a floating launcher button that opens
 * the chat as a panel (full screen on phones). With one, the chat is mounted into it instead:
 *   <div data-storybook-chat data-api-base="" data-title="Storybook"></div>  (auto-mounted)
 *   StorybookChat.mount(element, {apiBase: "", title: "Storybook"})  -> instance
 *   StorybookChat.open() / StorybookChat.close()  (the launcher's panel, when there is one)
 *
 * Protocol (server: web_chat): POST /webchat/sessions, GET /webchat/ws, GET /webchat/history,
 * POST /webchat/photo. Every message carries a per-session `seq`; the widget renders each seq once,
 * in seq order, and asks history for whatever it may have missed (first load, reconnect, gaps).
 * A message with `replaces` takes the place of that earlier seq (progress); `step` names its question
 * (earlier questions' buttons show as used); `topic: "support"` is a person from the team.
 * Untrusted text is only ever set through textContent / text nodes, never innerHTML.
 */
// ASCII only (non-ASCII text as \u escapes): the host page's charset decodes this file, whatever it is.
(() => {
  'use strict';

  // Loaded twice (two tags, or a tag manager adding it again): the first copy does the work.
  if (window.StorybookChat && window.StorybookChat.version) return;

  /** This script's own element, found while it runs (currentScript is null later, in callbacks). */
  const SCRIPT = (() => {
    const current = document.currentScript;
    if (current && current.src) return current;
    return [...document.querySelectorAll('script[src]')].reverse()
      .find((s) => /\/widget\.js(?:[?#].*)?$/.test(s.src)) || null;
  })();
  const SCRIPT_URL = SCRIPT ? new URL(SCRIPT.src, location.href) : null;
  const SCRIPT_DATA = SCRIPT ? SCRIPT.dataset : {};
  /** The bot's server: data-api-base when given, else where this script came from ('' = this page's own). */
  const DEFAULT_API_BASE = SCRIPT && SCRIPT.hasAttribute('data-api-base') ? SCRIPT_DATA.apiBase
    : SCRIPT_URL && SCRIPT_URL.origin !== location.origin ? SCRIPT_URL.origin : '';
  const DEFAULT_TITLE = SCRIPT_DATA.title || 'Storybook';

  const TOKEN_KEY = 'storybook.webchat.token';
  const OPEN_KEY = 'storybook.webchat.open';
  const PHONE_QUERY = '(max-width: 640px)';
  const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
  const PHOTO_TYPES = ['image/jpeg', 'image/png'];
  const BACKOFF_MIN_MS = 500;
  const BACKOFF_MAX_MS = 10000;
  const NEAR_BOTTOM_PX = 96;
  const instances = new WeakMap();
  let uid = 0;

  // Inline SVG icons: constant markup, safe for innerHTML.
  const ICONS = {
    book: '<path d="M4 5.5C6.5 4 9.5 4 12 6c2.5-2 5.5-2 8-.5V19c-2.5-1.5-5.5-1.5-8 .5-2.5-2-5.5-2-8-.5z"/><path d="M12 6v13.5"/>',
    send: '<path d="M5 12h13M12 5l7 7-7 7"/>',
    clip: '<path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.1-8.1a3.4 3.4 0 0 1 4.8 4.8l-8.1 8.1a1.7 1.7 0 0 1-2.4-2.4l7.4-7.4"/>',
    file: '<path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5M9 13h6M9 17h4"/>',
    external: '<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5"/>',
    list: '<path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01"/>',
    check: '<path d="M5 12.5l4.5 4.5L19 7.5"/>',
    person: '<circle cx="12" cy="8" r="3.5"/><path d="M5 20c.8-3.6 3.6-5.5 7-5.5s6.2 1.9 7 5.5"/>',
    close: '<path d="M6 6l12 12M18 6L6 18"/>',
    down: '<path d="M12 5v14M6 13l6 6 6-6"/>',
    chevron: '<path d="M6 9.5l6 6 6-6"/>',
    // The launcher: a white speech bubble with an open book in it (colours in widget.css).
    chat: '<path class="sbc-launcher-bubble" d="M12 2.5c5.25 0 9.5 3.58 9.5 8s-4.25 8-9.5 8c-1.13 0-2.2-.16-3.2-.46'
      + 'L3.5 20.5l1.42-4.1C3.4 14.98 2.5 12.84 2.5 10.5c0-4.42 4.25-8 9.5-8z"/>'
      + '<path class="sbc-launcher-book" d="M6.8 8c1.75-.95 3.5-.85 5.2.55 1.7-1.4 3.45-1.5 5.2-.55v5.7'
      + 'c-1.75-.95-3.5-.85-5.2.55-1.7-1.4-3.45-1.5-5.2-.55zM12 8.55v5.7"/>',
  };

  function icon(name) {
    const span = document.createElement('span');
    span.className = 'sbc-icon';
    span.setAttribute('aria-hidden', 'true');
    span.innerHTML = `<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"
      stroke-linecap="round" stroke-linejoin="round" focusable="false">${ICONS[name]}</svg>`;
    return span;
  }

  /** Tiny element builder: h('div', {class: 'x', text: 'y', onclick: fn}, child, ...). */
  function h(tag, props = {}, ...kids) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const kid of kids.flat()) if (kid != null && kid !== false) node.append(kid);
    return node;
  }

  const srOnly = (text) => h('span', { class: 'sbc-sr', text });

  // WhatsApp-style *bold*, _italic_, ~strike~ (markers hug non-space text, never span lines), plus bare links.
  const FORMAT_RE = /(?<![\w*_~])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~])|\bhttps?:\/\/[^\s<>"']*[^\s<>"'.,!?;:)\]]/g;
  const FORMAT_TAGS = { '*': 'strong', _: 'em', '~': 's' };

  function formatInto(parent, text) {
    const source = String(text ?? '');
    const re = new RegExp(FORMAT_RE.source, 'g');
    let last = 0;
    for (let m = re.exec(source); m; m = re.exec(source)) {
      if (m.index > last) parent.append(source.slice(last, m.index));
      if (m[1]) parent.append(formatInto(h(FORMAT_TAGS[m[1]]), m[2]));
      else parent.append(externalLink(m[0], m[0], 'sbc-inline-link'));
      last = re.lastIndex;
    }
    if (last < source.length) parent.append(source.slice(last));
    return parent;
  }

  /** Only http(s) URLs from the server are followed; anything else (javascript:, data:) is dropped. */
  function safeUrl(raw, base) {
    try {
      const url = new URL(String(raw), base);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function externalLink(href, label, cls) {
    const url = safeUrl(href, location.href);
    if (!url) return document.createTextNode(label);
    return h('a', { class: cls, href: url, target: '_blank', rel: 'noopener noreferrer' }, label);
  }

  // localStorage can throw (private mode, blocked storage): fall back to an in-memory session.
  const storage = {
    get() { try { return localStorage.getItem(TOKEN_KEY); } catch (_) { return null; } },
    set(v) { try { localStorage.setItem(TOKEN_KEY, v); } catch (_) { /* memory only */ } },
  };

  // Whether the launcher's panel is open, for this tab (so it stays open across the host site's pages).
  const openState = {
    get() { try { return sessionStorage.getItem(OPEN_KEY); } catch (_) { return null; } },
    set(v) { try { sessionStorage.setItem(OPEN_KEY, v ? 'open' : 'closed'); } catch (_) { /* memory only */ } },
  };

  /**
   * widget.css from next to this script, added once; a page that links it already (the demo) keeps its
   * own link. Resolves when the styles apply, so the launcher never shows unstyled.
   */
  function ensureStylesheet() {
    if (!SCRIPT_URL) return Promise.resolve();
    const href = new URL('widget.css', SCRIPT_URL).href;
    const bare = (url) => url.split(/[?#]/)[0];
    let link = [...document.querySelectorAll('link[rel~="stylesheet"]')]
      .find((l) => l.hasAttribute('data-sbc-style') || bare(l.href) === href);
    if (!link) {
      link = h('link', { rel: 'stylesheet', href, 'data-sbc-style': true });
      (document.head || document.documentElement).append(link);
    }
    if (link.sheet) return Promise.resolve();
    return new Promise((resolve, reject) => {
      link.addEventListener('load', () => resolve(), { once: true });
      link.addEventListener('error', () => reject(new Error(`Storybook chat: could not load ${href}`)), { once: true });
    });
  }

  class ApiError extends Error {
    constructor(status, body, retryAfter) {
      const err = (body && body.error) || {};
      super(err.message || `Request failed (${status})`);
      this.status = status;
      this.code = err.code || 'http_error';
      this.retryAfter = Number(retryAfter) || 0;
    }
  }

  const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
  const finePointer = () => matchMedia('(pointer: fine)').matches;

  class Chat {
    constructor(host, opts) {
      this.opts = { apiBase: DEFAULT_API_BASE, title: DEFAULT_TITLE, ...opts };
      this.apiBase = String(this.opts.apiBase || '').replace(/\/+$/, '');
      this.host = host;
      this.token = null;
      this.sessionId = null;
      this.lastSeq = 0;           // highest seq rendered or reconciled
      this.seen = new Set();      // every seq already on screen
      this.pending = [];          // optimistic parent bubbles not yet matched to a seq
      this.outbox = [];           // frames typed while the socket was down
      this.buffer = null;         // frames held back while history is loading (null = not syncing)
      this.choices = new Map();   // seq -> {node, ids} of bot messages with buttons / rows
      this.ws = null;
      this.attempt = 0;
      this.timer = null;
      this.everOnline = false;
      this.synced = false;        // first history load done
      this.syncGeneration = 0;
      this.destroyed = false;
      this.blobUrls = [];
      this.wake = () => this.reconnectNow();
      this.build();
      window.addEventListener('online', this.wake);
      document.addEventListener('visibilitychange', this.wake);
      this.connect();
    }

    // ---------- DOM skeleton ----------

    build() {
      const id = `sbc-${++uid}`;
      this.statusText = h('span', { class: 'sbc-status-text', text: 'Connecting\u2026' });
      this.banner = h('div', { class: 'sbc-banner', role: 'status', hidden: true },
        h('span', { class: 'sbc-spinner', 'aria-hidden': 'true' }), h('span', { text: 'Reconnecting\u2026' }));
      this.log = h('div', { class: 'sbc-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
      this.typing = h('div', { class: 'sbc-typing', role: 'status', hidden: true },
        srOnly(`${this.opts.title} is typing`), h('span', { class: 'sbc-dot' }), h('span', { class: 'sbc-dot' }),
        h('span', { class: 'sbc-dot' }));
      this.empty = this.buildEmptyState();
      this.scroller = h('div', { class: 'sbc-scroll', onscroll: () => this.onScroll() },
        this.empty, this.log, this.typing);
      this.pill = h('button', { type: 'button', class: 'sbc-pill', hidden: true, onclick: () => this.scrollToBottom(true) },
        icon('down'), 'New messages');
      this.sheet = h('div', { class: 'sbc-layer', hidden: true });
      this.root = h('section', { class: 'sbc-root', 'aria-label': `${this.opts.title} chat`, 'data-status': 'connecting' },
        h('header', { class: 'sbc-header' },
          h('span', { class: 'sbc-avatar' }, icon('book')),
          h('div', { class: 'sbc-heading' },
            h('h2', { class: 'sbc-title', text: this.opts.title }),
            h('p', { class: 'sbc-status' }, h('span', { class: 'sbc-status-dot', 'aria-hidden': 'true' }), this.statusText)),
          // Only in the launcher's panel: a way out of the (on phones, full-screen) chat.
          this.opts.onClose ? h('button', { type: 'button', class: 'sbc-header-close', 'aria-label': 'Close chat',
            title: 'Close chat', onclick: () => this.opts.onClose() }, icon('close')) : null),
        h('div', { class: 'sbc-body' }, this.scroller, this.banner, this.pill), this.buildComposer(id), this.sheet);
      this.host.append(this.root);
    }

    buildEmptyState() {
      return h('div', { class: 'sbc-empty', hidden: true },
        h('span', { class: 'sbc-empty-art' }, icon('book')),
        h('p', { class: 'sbc-empty-title', text: "Let's make a storybook starring your child" }),
        h('p', { class: 'sbc-empty-hint', text: 'Tell us a little about your child and we will write the story together.' }),
        h('button', { type: 'button', class: 'sbc-choice sbc-empty-start', onclick: () => this.sendText('Hi') }, 'Say hello \u{1F44B}'));
    }

    buildComposer(id) {
      this.fileInput = h('input', { type: 'file', accept: PHOTO_TYPES.join(','), class: 'sbc-file', tabindex: '-1',
        'aria-hidden': 'true', onchange: () => this.onFilePicked() });
      this.input = h('textarea', { id: `${id}-input`, class: 'sbc-input', rows: '1', maxlength: '4096',
        placeholder: 'Type a message\u2026', enterkeyhint: 'send', autocomplete: 'off',
        oninput: () => this.onInput(), onkeydown: (e) => this.onKeyDown(e) });
      this.sendBtn = h('button', { type: 'submit', class: 'sbc-send', 'aria-label': 'Send', disabled: true,
        // Keep focus (and the phone keyboard) in the text field when the send button is tapped.
        onmousedown: (e) => e.preventDefault() }, icon('send'));
      return h('form', { class: 'sbc-composer', onsubmit: (e) => { e.preventDefault(); this.submitInput(); } },
        this.fileInput,
        h('button', { type: 'button', class: 'sbc-attach', 'aria-label': 'Send a photo', title: 'Send a photo',
          onclick: () => this.fileInput.click() }, icon('clip')),
        h('label', { class: 'sbc-sr', for: `${id}-input`, text: 'Message' }),
        this.input, this.sendBtn);
    }

    // ---------- HTTP ----------

    url(path, params = {}) {
      const url = new URL(this.apiBase + path, location.href);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      return url;
    }

    async request(method, path, params, body) {
      const res = await fetch(this.url(path, params).href, {
        method,
        headers: body ? { 'Content-Type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) throw new ApiError(res.status, data, res.headers.get('Retry-After'));
      return data;
    }

    /** Resume the stored session; an unknown token (401/404) means a fresh one. */
    async ensureSession() {
      const saved = this.token || storage.get();
      if (saved) {
        try {
          return this.adoptSession(await this.request('POST', '/webchat/sessions', {}, { token: saved }), saved);
        } catch (err) {
          if (err.status !== 401 && err.status !== 404) throw err;
        }
      }
      this.adoptSession(await this.request('POST', '/webchat/sessions', {}, {}), null);
    }

    adoptSession(session, savedToken) {
      if (this.sessionId && session.session_id !== this.sessionId) this.resetConversation();
      this.sessionId = session.session_id;
      this.token = session.token || savedToken;
      storage.set(this.token);
    }

    resetConversation() {
      this.log.replaceChildren();
      this.seen.clear();
      this.choices.clear();
      this.lastSeq = 0;
      this.pending = [];
      this.outbox = [];
      this.notice('Your earlier chat has ended, so we started a fresh one.');
    }

    // ---------- WebSocket lifecycle ----------

    async connect() {
      if (this.destroyed) return;
      this.timer = null;
      this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
      try {
        await this.ensureSession();
      } catch (err) {
        this.scheduleReconnect(err.retryAfter);
        return;
      }
      if (this.destroyed) return;
      const wsUrl = this.url('/webchat/ws', { token: this.token });
      wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(wsUrl.href);
      this.ws = ws;
      ws.onopen = () => this.onOpen(ws);
      ws.onmessage = (e) => this.onFrame(e.data);
      ws.onclose = () => this.onClose(ws);
    }

    async onOpen(ws) {
      try {
        await this.sync(true);
      } catch (err) {
        ws.close();  // we must not accept live frames past a hole; onClose reconnects
        return;
      }
      if (ws.readyState !== WebSocket.OPEN || ws !== this.ws) return;
      this.attempt = 0;
      this.everOnline = true;
      this.setStatus('online');
      this.flushOutbox();
    }

    onClose(ws) {
      if (ws !== this.ws || this.destroyed) return;
      this.ws = null;
      this.setTyping(false);
      this.scheduleReconnect(0);
    }

    scheduleReconnect(retryAfterSeconds) {
      if (this.destroyed || this.timer) return;
      this.setStatus(this.everOnline ? 'reconnecting' : 'connecting', true);
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt++);
      const jittered = Math.min(BACKOFF_MAX_MS, backoff * (1 + Math.random() * 0.2));
      this.timer = setTimeout(() => this.connect(), Math.max(jittered, (retryAfterSeconds || 0) * 1000));
    }

    /** Back online / tab visible again: don't make the parent wait out the backoff. */
    reconnectNow() {
      if (this.destroyed || document.visibilityState === 'hidden' || !this.timer) return;
      clearTimeout(this.timer);
      this.attempt = 0;
      this.connect();
    }

    onFrame(raw) {
      let frame;
      try { frame = JSON.parse(raw); } catch (_) { return; }
      if (!frame || typeof frame !== 'object') return;
      if (frame.type === 'typing') this.setTyping(Boolean(frame.on));
      else if ((frame.type === 'error' || frame.type === 'notice') && typeof frame.message === 'string') this.notice(frame.message);
      else if (this.buffer) this.buffer.push(frame);
      else this.handleMessageFrame(frame, false);
    }

    handleMessageFrame(frame, fromBuffer) {
      if (frame.type !== 'message' || !Number.isInteger(frame.seq) || !frame.message) return;
      // A gap while our own bubbles await a seq: the gap is probably them. History tells us for sure.
      if (!fromBuffer && frame.seq > this.lastSeq + 1 && this.pending.length) {
        this.sync(false);
        this.buffer.push(frame);
        return;
      }
      this.accept(frame.seq, 'out', frame.message, frame.replaces);
    }

    /**
     * Load history after lastSeq, holding live frames back meanwhile. strict: a failure must reconnect
     * (we may have missed messages); otherwise (gap reconciliation on a live socket) carry on.
     * A newer sync (say, a reconnect while one is in flight) takes over the held frames.
     */
    async sync(strict) {
      const generation = ++this.syncGeneration;
      this.buffer = this.buffer || [];
      this.log.setAttribute('aria-busy', 'true');
      let failure = null;
      try {
        const data = await this.request('GET', '/webchat/history', { token: this.token, after: this.lastSeq });
        const items = (Array.isArray(data.messages) ? data.messages : []).filter((m) => Number.isInteger(m.seq) && m.message);
        items.sort((a, b) => a.seq - b.seq).forEach((m) => this.accept(m.seq, m.direction, m.message, m.replaces));
      } catch (err) {
        failure = err;
      }
      if (generation !== this.syncGeneration) {
        if (failure && strict) throw failure;
        return;
      }
      const held = failure && strict ? [] : this.buffer;  // after a failure, history will resend them
      this.buffer = null;
      this.log.removeAttribute('aria-busy');
      if (failure && strict) throw failure;
      held.forEach((frame) => this.handleMessageFrame(frame, true));
      this.synced = true;
      this.updateEmptyState();
      if (this.ws && this.ws.readyState === WebSocket.OPEN) this.flushOutbox();
    }

    send(frame, entry) {
      if (this.ws && this.ws.readyState === WebSocket.OPEN && !this.buffer) {
        this.ws.send(JSON.stringify(frame));
        entry.node.classList.remove('sbc-sending');
      } else {
        this.outbox.push({ frame, entry });
        entry.node.classList.add('sbc-sending');
      }
    }

    flushOutbox() {
      const queued = this.outbox;
      this.outbox = [];
      queued.forEach(({ frame, entry }) => this.send(frame, entry));
    }

    setStatus(state, failed) {
      this.root.dataset.status = state;
      this.statusText.textContent = { online: 'Online', connecting: 'Connecting\u2026', reconnecting: 'Reconnecting\u2026' }[state];
      // The banner appears once something went wrong, not during a normal first connect.
      const showBanner = state !== 'online' && (state === 'reconnecting' || failed || this.attempt > 0);
      this.banner.lastChild.textContent = state === 'connecting' ? 'Connecting\u2026' : 'Reconnecting\u2026';
      this.banner.hidden = !showBanner;
    }

    setTyping(on) {
      const stick = this.nearBottom();
      this.typing.hidden = !on;
      if (on && stick) this.scrollToBottom(false);
    }

    // ---------- Messages ----------

    /**
     * The one entry point for a message with a seq, from history or the socket. `replaces`: the seq of
     * an earlier message this one takes the place of (a progress tick), removed if it is on screen.
     */
    accept(seq, direction, message, replaces) {
      if (this.seen.has(seq)) return;
      this.seen.add(seq);
      this.lastSeq = Math.max(this.lastSeq, seq);
      if (direction === 'in') {
        this.markAnswered(seq, message);
        if (!this.reconcile(seq, message)) this.place(this.renderParent(message), seq, false);
      } else {
        const node = this.renderBot(seq, message);
        // Updated in place: no entrance animation for what only changes its words.
        if (Number.isInteger(replaces) && this.removeMessage(replaces)) node.classList.add('sbc-msg--updated');
        this.place(node, seq, true);
        this.moveOn(seq, message.step);
      }
    }

    /**
     * Every message carries the question (`step`) it belongs to. Once a later question is asked, the
     * buttons, rows and links of earlier ones are shown used: the bot no longer acts on them.
     */
    moveOn(seq, step) {
      if (!Number.isInteger(step)) return;
      const offer = this.choices.get(seq);
      if (offer) offer.step = step;
      for (const [s, c] of this.choices) {
        if (s < seq && Number.isInteger(c.step) && c.step < step) {
          disableChoices(c.node, null);
          this.choices.delete(s);
        }
      }
    }

    removeMessage(seq) {
      const old = [...this.log.children].find((c) => c.dataset.seq === String(seq));
      this.choices.delete(seq);
      if (old) old.remove();
      return Boolean(old);
    }

    /** Match a parent message from history with the optimistic bubble we already show. */
    reconcile(seq, message) {
      const key = pendingKey(message);
      let index = this.pending.findIndex((p) => p.key === key);
      // The server may normalise text (whitespace, emoji variants): then the oldest pending text is it.
      if (index < 0 && message.kind === 'text') index = this.pending.findIndex((p) => p.key.startsWith('text:'));
      if (index < 0) return false;
      const [entry] = this.pending.splice(index, 1);
      entry.node.dataset.seq = String(seq);
      return true;
    }

    addPending(key, node) {
      const entry = { key, node };
      this.pending.push(entry);
      this.place(node, null, false);
      this.scrollToBottom(true);
      return entry;
    }

    /** Insert in seq order (pending bubbles, without a seq, stay where they are). */
    place(node, seq, fromBot) {
      const stick = this.nearBottom();
      if (seq != null) node.dataset.seq = String(seq);
      const later = seq == null ? null
        : [...this.log.children].find((c) => c.dataset.seq && Number(c.dataset.seq) > seq);
      this.log.insertBefore(node, later || null);
      this.updateEmptyState();
      if (stick) this.scrollToBottom(false);
      else if (fromBot && !this.buffer) this.pill.hidden = false;
      // Images change the height after load; keep the newest message in view.
      node.querySelectorAll('img').forEach((img) => img.addEventListener('load', () => {
        if (stick) this.scrollToBottom(false);
      }, { once: true }));
    }

    renderBot(seq, m) {
      const topic = String(m.topic || '').replace(/\W/g, '');
      const node = h('div', { class: `sbc-msg sbc-msg--bot sbc-kind-${String(m.kind).replace(/\W/g, '')}`
        + (topic ? ` sbc-topic-${topic}` : '') });
      if (topic === 'support') {  // written by a person from the team, not by the bot: say so
        node.classList.add('sbc-msg--agent');
        node.append(h('span', { class: 'sbc-author' }, icon('person'),
          h('span', { text: m.author || 'Support team' }), srOnly('(a person):')));
      } else {
        node.append(srOnly(`${this.opts.title}:`));
      }
      const bubble = h('div', { class: 'sbc-bubble' });
      node.append(bubble);
      switch (m.kind) {
        case 'buttons':
          bubble.append(textBlock(m.text));
          node.append(this.renderButtons(seq, node, m.buttons));
          break;
        case 'list':
          bubble.append(textBlock(m.text));
          node.append(h('div', { class: 'sbc-actions' }, this.renderListOpener(seq, node, m)));
          break;
        case 'document':
          bubble.append(this.renderDocument(m));
          if (m.caption) bubble.append(textBlock(m.caption));
          if (Array.isArray(m.buttons) && m.buttons.length) node.append(this.renderButtons(seq, node, m.buttons));
          break;
        case 'image':
          bubble.classList.add('sbc-bubble--media');
          bubble.append(this.renderImage(m.url, m.caption || 'Picture from ' + this.opts.title));
          if (m.caption) bubble.append(textBlock(m.caption));
          break;
        case 'link':
          bubble.append(textBlock(m.text));
          node.append(h('div', { class: 'sbc-actions' }, this.renderCta(m)));
          this.choices.set(seq, { node, ids: new Set() });
          break;
        default:  // 'text', and anything newer than this widget: show its text if it has one
          bubble.append(textBlock(m.text || m.caption || 'This message can\u2019t be shown here yet.'));
      }
      return node;
    }

    renderButtons(seq, node, buttons) {
      const list = (Array.isArray(buttons) ? buttons : []).filter((b) => b && b.id != null);
      this.choices.set(seq, { node, ids: new Set(list.map((b) => String(b.id))) });
      return h('div', { class: 'sbc-actions' }, list.map((b) => h('button', {
        type: 'button', class: 'sbc-choice', 'data-choice-id': String(b.id),
        onclick: () => this.choose(seq, node, b),
      }, h('span', { class: 'sbc-choice-label', text: b.title || String(b.id) }))));
    }

    renderListOpener(seq, node, m) {
      const rows = (Array.isArray(m.rows) ? m.rows : []).filter((r) => r && r.id != null);
      this.choices.set(seq, { node, ids: new Set(rows.map((r) => String(r.id))) });
      const opener = h('button', { type: 'button', class: 'sbc-choice sbc-list-opener', 'aria-haspopup': 'dialog' },
        icon('list'), h('span', { class: 'sbc-choice-label', text: m.button || 'Choose' }));
      opener.addEventListener('click', () => this.openSheet(seq, node, m, rows, opener));
      return opener;
    }

    renderDocument(m) {
      const name = m.filename || 'Storybook.pdf';
      const url = safeUrl(m.url, this.url('/').href);
      const inner = [h('span', { class: 'sbc-doc-icon' }, icon('file')),
        h('span', { class: 'sbc-doc-meta' }, h('span', { class: 'sbc-doc-name', text: name }),
          h('span', { class: 'sbc-doc-hint', text: url ? 'PDF \u00B7 Download' : 'PDF \u00B7 Not available yet' })),
        url ? icon('external') : null, url ? srOnly('(downloads the PDF)') : null];
      return url
        ? h('a', { class: 'sbc-doc', href: url, target: '_blank', rel: 'noopener noreferrer' }, inner)
        : h('div', { class: 'sbc-doc' }, inner);
    }

    renderImage(rawUrl, alt, trusted) {
      const url = trusted ? rawUrl : safeUrl(rawUrl, this.url('/').href);
      if (!url) return h('span', { class: 'sbc-muted', text: 'Image unavailable' });
      const img = h('img', { class: 'sbc-img', src: url, alt, loading: 'lazy', decoding: 'async' });
      return trusted ? img : h('a', { class: 'sbc-img-link', href: url, target: '_blank', rel: 'noopener noreferrer' }, img);
    }

    renderCta(m) {
      const url = safeUrl(m.url, this.url('/').href);
      const label = [icon('external'), h('span', { class: 'sbc-choice-label', text: m.title || 'Open' })];
      return url
        ? h('a', { class: 'sbc-cta', href: url, target: '_blank', rel: 'noopener noreferrer' }, label, srOnly('(opens in a new tab)'))
        : h('span', { class: 'sbc-cta sbc-cta--off' }, label);
    }

    /** A parent message from history (texts, choices, photos sent earlier or from another tab). */
    renderParent(m) {
      if (m.kind === 'image') {
        return parentBubble(this.renderImage(m.url, m.caption || 'Your photo'), m.caption ? textBlock(m.caption) : null, true);
      }
      return parentBubble(textBlock(m.kind === 'choice' ? (m.title || m.id) : (m.text ?? `[${m.kind}]`)));
    }

    /** History shows the parent's choice: mark the bot message it answered (the newest earlier one offering that id). */
    markAnswered(seq, m) {
      if (m.kind !== 'choice') return;
      const candidates = [...this.choices.entries()].filter(([s, c]) => s < seq && c.ids.has(String(m.id)));
      const hit = candidates.sort((a, b) => b[0] - a[0])[0];
      if (hit) disableChoices(hit[1].node, String(m.id));
    }

    // ---------- Parent actions ----------

    choose(seq, node, item) {
      if (node.classList.contains('sbc-answered')) return;  // one tap sends once
      disableChoices(node, String(item.id));
      const title = item.whole_title || item.title || String(item.id);  // never the cut one
      const entry = this.addPending(pendingKey({ kind: 'choice', id: item.id }), parentBubble(textBlock(title)));
      this.send({ type: 'choice', id: String(item.id), seq }, entry);
      if (finePointer()) this.input.focus();
    }

    sendText(text) {
      const clean = text.replace(/\s+$/, '').replace(/^\s*\n/, '');
      if (!clean.trim()) return;
      const entry = this.addPending(pendingKey({ kind: 'text', text: clean }), parentBubble(textBlock(clean)));
      this.send({ type: 'text', text: clean }, entry);
    }

    submitInput() {
      const text = this.input.value;
      if (!text.trim()) return;
      this.input.value = '';
      this.onInput();
      this.sendText(text);
      this.input.focus();
    }

    onInput() {
      this.sendBtn.disabled = !this.input.value.trim();
      this.input.style.height = 'auto';  // grow with the text, up to the CSS max-height
      this.input.style.height = `${this.input.scrollHeight}px`;
    }

    onKeyDown(e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submitInput();
      }
    }

    onFilePicked() {
      const file = this.fileInput.files && this.fileInput.files[0];
      this.fileInput.value = '';  // picking the same file again must fire change again
      if (!file) return;
      if (!PHOTO_TYPES.includes(file.type)) return this.notice('Please choose a JPEG or PNG photo.');
      if (file.size > MAX_PHOTO_BYTES) return this.notice('That photo is bigger than 5 MB. Please pick a smaller one.');
      if (!this.token) return this.notice('Still connecting, please try again in a moment.');
      this.uploadPhoto(file);
    }

    /** XHR rather than fetch: fetch cannot report upload progress. */
    uploadPhoto(file) {
      const preview = URL.createObjectURL(file);
      this.blobUrls.push(preview);
      const bar = h('span', { class: 'sbc-progress-bar' });
      const label = h('span', { class: 'sbc-progress-text', text: 'Uploading\u2026' });
      const progress = h('span', { class: 'sbc-progress', role: 'status' }, label, h('span', { class: 'sbc-progress-track' }, bar));
      const node = parentBubble(this.renderImage(preview, 'Your photo', true), progress, true);
      node.classList.add('sbc-uploading');
      const entry = this.addPending(pendingKey({ kind: 'image' }), node);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.url('/webchat/photo', { token: this.token }).href);
      xhr.upload.onprogress = (e) => {
        if (!e.lengthComputable) return;
        const pct = Math.round((e.loaded / e.total) * 100);
        bar.style.width = `${pct}%`;
        label.textContent = `Uploading\u2026 ${pct}%`;
      };
      xhr.onload = () => this.onUploadDone(xhr, entry, progress);
      xhr.onerror = () => this.failUpload(entry, 'The photo could not be sent. Please check your connection and try again.');
      const form = new FormData();
      form.append('photo', file, file.name || 'photo');
      xhr.send(form);
    }

    onUploadDone(xhr, entry, progress) {
      let data = {};
      try { data = JSON.parse(xhr.responseText || '{}'); } catch (_) { /* not JSON */ }
      if (xhr.status < 200 || xhr.status >= 300) {
        const err = new ApiError(xhr.status, data, xhr.getResponseHeader('Retry-After'));
        // The server's own message when it sent one; a friendly fallback when a proxy answered instead.
        const fallback = { 413: 'That photo is bigger than 5 MB. Please pick a smaller one.',
          415: 'Please choose a JPEG or PNG photo.',
          429: `Too many photos at once. Please try again in ${err.retryAfter || 30} s.` }[xhr.status]
          || 'The photo could not be sent. Please try again.';
        return this.failUpload(entry, data.error && data.error.message ? err.message : fallback);
      }
      progress.remove();
      entry.node.classList.remove('sbc-uploading');
      const seq = data.seq ?? (data.message && data.message.seq);
      if (Number.isInteger(seq) && !this.seen.has(seq)) {  // the server told us the seq: reconcile now
        this.pending.splice(this.pending.indexOf(entry), 1);
        this.seen.add(seq);
        this.lastSeq = Math.max(this.lastSeq, seq);
        entry.node.dataset.seq = String(seq);
      }
    }

    failUpload(entry, message) {
      this.pending = this.pending.filter((p) => p !== entry);
      entry.node.remove();
      this.notice(message);
    }

    /** A small centred note in the conversation (errors, session reset). */
    notice(text) {
      this.place(h('div', { class: 'sbc-notice', role: 'note' }, h('span', { text })), null, false);
      this.scrollToBottom(true);
    }

    // ---------- List sheet ----------

    openSheet(seq, node, m, rows, opener) {
      const titleId = `sbc-sheet-${++uid}`;
      const close = () => this.closeSheet(opener);
      const rowButtons = rows.map((r) => h('button', {
        type: 'button', class: 'sbc-row', onclick: () => { this.closeSheet(null); this.choose(seq, node, r); },
      }, h('span', { class: 'sbc-row-title', text: r.whole_title || r.title || String(r.id) }),
      r.description ? h('span', { class: 'sbc-row-desc', text: r.description }) : null));
      const panel = h('div', { class: 'sbc-sheet', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
        h('div', { class: 'sbc-sheet-head' },
          h('h3', { id: titleId, class: 'sbc-sheet-title', text: m.button || 'Choose' }),
          h('button', { type: 'button', class: 'sbc-sheet-close', 'aria-label': 'Close', onclick: close }, icon('close'))),
        h('div', { class: 'sbc-sheet-body' }, rowButtons));
      panel.addEventListener('keydown', (e) => this.onSheetKey(e, panel, close));
      this.sheet.replaceChildren(h('div', { class: 'sbc-backdrop', onclick: close }), panel);
      this.sheet.hidden = false;
      requestAnimationFrame(() => this.sheet.classList.add('sbc-open'));
      (rowButtons[0] || panel.querySelector('.sbc-sheet-close')).focus();
    }

    onSheetKey(e, panel, close) {
      if (e.key === 'Escape') { e.preventDefault(); close(); return; }
      if (e.key !== 'Tab') return;  // keep Tab inside the dialog
      const items = [...panel.querySelectorAll('button:not([disabled])')];
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    }

    closeSheet(returnFocusTo) {
      this.sheet.classList.remove('sbc-open');
      const hide = () => { if (!this.sheet.classList.contains('sbc-open')) this.sheet.hidden = true; };
      if (reducedMotion()) hide(); else setTimeout(hide, 200);
      if (returnFocusTo) returnFocusTo.focus();
    }

    // ---------- Scrolling ----------

    nearBottom() {
      const s = this.scroller;
      return s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
    }

    scrollToBottom(smooth) {
      const s = this.scroller;
      s.scrollTo({ top: s.scrollHeight, behavior: smooth && !reducedMotion() ? 'smooth' : 'auto' });
      this.pill.hidden = true;
    }

    onScroll() {
      if (this.nearBottom()) this.pill.hidden = true;
    }

    updateEmptyState() {
      // Only after the first history load, so a returning parent never sees it flash.
      this.empty.hidden = !this.synced || this.buffer !== null || this.log.children.length > 0;
    }

    destroy() {
      this.destroyed = true;
      clearTimeout(this.timer);
      window.removeEventListener('online', this.wake);
      document.removeEventListener('visibilitychange', this.wake);
      if (this.ws) { const ws = this.ws; this.ws = null; ws.close(); }
      this.blobUrls.forEach((u) => URL.revokeObjectURL(u));
      this.root.remove();
      instances.delete(this.host);
    }
  }

  // ---------- small pure helpers ----------

  function textBlock(text) {
    return formatInto(h('div', { class: 'sbc-text' }), text);
  }

  function parentBubble(content, extra, media) {
    return h('div', { class: 'sbc-msg sbc-msg--parent' }, srOnly('You:'),
      h('div', { class: `sbc-bubble${media ? ' sbc-bubble--media' : ''}` }, content, extra));
  }

  /** What an optimistic bubble and its history copy have in common. */
  function pendingKey(m) {
    if (m.kind === 'choice') return `choice:${m.id}`;
    if (m.kind === 'image') return 'image';
    return `text:${String(m.text ?? '').trim()}`;
  }

  /** A message answered or moved past: its buttons are disabled (the chosen one ticked), its link is used. */
  function disableChoices(node, chosenId) {
    if (node.classList.contains('sbc-answered')) return;
    node.classList.add('sbc-answered');
    node.querySelectorAll('.sbc-actions a.sbc-cta').forEach((link) => {
      link.querySelectorAll('.sbc-sr, .sbc-icon').forEach((n) => n.remove());  // no longer opens anything
      link.replaceWith(h('span', { class: 'sbc-cta sbc-cta--used', 'aria-disabled': 'true' },
        icon('check'), ...link.childNodes, srOnly('(used)')));
    });
    node.querySelectorAll('.sbc-actions button').forEach((b) => {
      b.disabled = true;
      if (b.dataset.choiceId === chosenId) {
        b.classList.add('sbc-chosen');
        b.prepend(icon('check'));
        b.append(srOnly('(chosen)'));
      }
    });
  }

  // ---------- launcher: the floating button and panel, when the page has no chat container ----------

  class Launcher {
    constructor(opts) {
      this.opts = opts;
      this.isOpen = false;
      this.hideTimer = null;
      this.phone = matchMedia(PHONE_QUERY);
      const panelId = `sbc-panel-${++uid}`;
      this.button = h('button', { type: 'button', class: 'sbc-launcher', 'aria-label': `Chat with ${opts.title}`,
        'aria-expanded': 'false', 'aria-controls': panelId, onclick: () => this.setOpen(!this.isOpen, true) },
      h('span', { class: 'sbc-launcher-chat' }, icon('chat')), h('span', { class: 'sbc-launcher-hide' }, icon('chevron')));
      this.panel = h('div', { id: panelId, class: 'sbc-panel', hidden: true, onkeydown: (e) => this.onKey(e) });
      this.element = h('div', { class: 'sbc-embed' }, this.button, this.panel);
      document.body.append(this.element);
      this.fit = () => this.fitToViewport();
      if (window.visualViewport) {
        visualViewport.addEventListener('resize', this.fit);
        visualViewport.addEventListener('scroll', this.fit);
      }
    }

    /** The chat is only created (session, socket) the first time the parent opens it. */
    chat() {
      return instances.get(this.panel)
        || (mount(this.panel, { ...this.opts, onClose: () => this.setOpen(false, true) }), instances.get(this.panel));
    }

    setOpen(open, byParent) {
      if (open === this.isOpen) return;
      this.isOpen = open;
      if (byParent) openState.set(open);
      this.button.setAttribute('aria-expanded', String(open));
      this.element.classList.toggle('sbc-embed--open', open);
      document.documentElement.classList.toggle('sbc-lock', open);  // only bites on phones (see CSS)
      clearTimeout(this.hideTimer);
      if (open) {
        const chat = this.chat();
        this.panel.hidden = false;
        this.fitToViewport();
        this.panel.getBoundingClientRect();  // lay out the closed state first, so the opening animates
        this.panel.classList.add('sbc-panel--shown');
        chat.scrollToBottom(false);
        // Into the chat, except when the page opens it by itself. Phones: no keyboard popping up.
        if (byParent) (finePointer() ? chat.input : this.panel.querySelector('.sbc-header-close')).focus();
      } else {
        const hadFocus = this.panel.contains(document.activeElement);
        this.panel.classList.remove('sbc-panel--shown');
        const hide = () => { if (!this.isOpen) this.panel.hidden = true; };
        if (reducedMotion()) hide(); else this.hideTimer = setTimeout(hide, 200);
        if (hadFocus || byParent) this.button.focus();
      }
    }

    onKey(e) {
      // The list sheet handles (and prevents) its own Escape first.
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        this.setOpen(false, true);
      }
    }

    /**
     * Full screen on a phone means the visible part of the screen: with the keyboard up, the visual
     * viewport shrinks while the layout viewport (what `position: fixed` sees) may not.
     */
    fitToViewport() {
      const vv = window.visualViewport;
      if (!vv || !this.isOpen) return;
      const chat = instances.get(this.panel);
      const stick = chat && chat.nearBottom();
      const style = this.panel.style;
      if (Math.abs(vv.scale - 1) > 0.01) {  // pinch-zoomed: leave it to the layout viewport
        style.removeProperty('--sbc-vv-height');
        style.removeProperty('--sbc-vv-top');
      } else {
        style.setProperty('--sbc-vv-height', `${Math.round(vv.height)}px`);
        style.setProperty('--sbc-vv-top', `${Math.round(vv.offsetTop)}px`);
      }
      if (stick && this.phone.matches) chat.scrollToBottom(false);
    }
  }

  // ---------- public API ----------

  function mount(element, options = {}) {
    if (!(element instanceof Element)) throw new TypeError('StorybookChat.mount needs a DOM element');
    if (instances.has(element)) return instances.get(element).api;
    const chat = new Chat(element, options);
    chat.api = Object.freeze({
      element: chat.root,
      focus: () => chat.input.focus(),
      send: (text) => chat.sendText(String(text)),
      destroy: () => chat.destroy(),
    });
    instances.set(element, chat);
    return chat.api;
  }

  function autoMount(scope = document) {
    return [...scope.querySelectorAll('[data-storybook-chat]')].map((el) => mount(el, {
      // A container's own data-api-base wins (even empty: this page's server); else the script's default.
      apiBase: el.hasAttribute('data-api-base') ? el.dataset.apiBase : DEFAULT_API_BASE,
      title: el.dataset.title || DEFAULT_TITLE,
    }));
  }

  let launcher = null;
  const stylesReady = ensureStylesheet();
  stylesReady.catch(() => { /* reported by start() when a launcher needs it */ });

  async function start() {
    if (autoMount().length) return;  // the page has its own place for the chat
    try {
      await stylesReady;
    } catch (err) {
      console.warn(err.message);  // no styles, no launcher: better nothing than a broken button
      return;
    }
    if (launcher || document.querySelector('[data-storybook-chat]')) return;
    launcher = new Launcher({ apiBase: DEFAULT_API_BASE, title: DEFAULT_TITLE });
    const saved = openState.get();
    if (saved ? saved === 'open' : SCRIPT_DATA.open === 'true') launcher.setOpen(true, false);
  }

  window.StorybookChat = Object.freeze({
    mount,
    autoMount,
    open: () => { if (launcher) launcher.setOpen(true, true); },
    close: () => { if (launcher) launcher.setOpen(false, true); },
    version: '1.1.0',
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start());
  else start();
})();
