// The page's only script: served by the server, no framework. Markup comes rendered and escaped from the
// server; this script only moves it into place, and builds its own elements with textContent.
'use strict';

(function () {
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  const page = document.body.dataset.page;
  const pending = {};

  function announce(text) {
    const el = document.getElementById('announce');
    if (el) {
      el.textContent = '';
      window.setTimeout(() => { el.textContent = text; }, 50);
    }
  }

  async function call(method, url, body) {
    const headers = { 'X-CSRF-Token': csrf };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    let json = {};
    try { json = await response.json(); } catch (e) { json = {}; }
    return { status: response.status, json };
  }

  function setText(id, text) {
    const el = document.getElementById(id);
    if (el) el.textContent = text || '';
  }

  // ------------------------------------------------------------ sign-in: the device flow, in the browser

  async function signIn(button) {
    button.disabled = true;
    setText('sign-in-error', '');
    const start = await call('POST', '/auth/device', {});
    if (start.status !== 200) {
      setText('sign-in-error', start.json.message || 'Could not start the sign-in.');
      button.disabled = false;
      return;
    }
    const link = document.getElementById('device-link');
    link.href = start.json.verification_uri;
    link.textContent = start.json.verification_uri;
    setText('device-code', start.json.user_code);
    document.getElementById('device').hidden = false;
    link.focus();
    let interval = Math.max(1, start.json.interval || 5);
    const poll = async () => {
      const r = await call('POST', '/web/login/poll', { device_code: start.json.device_code });
      if (r.status === 200 && r.json.status === 'complete') {
        setText('device-status', 'Signed in as ' + r.json.login + '.');
        window.location.assign('/');
        return;
      }
      if (r.status === 200) {
        if (r.json.interval) interval = Math.max(interval, r.json.interval);
        window.setTimeout(poll, interval * 1000);
        return;
      }
      if (r.status === 429) {
        interval += 1;
        window.setTimeout(poll, interval * 1000);
        return;
      }
      document.getElementById('device').hidden = true;
      setText('sign-in-error', r.json.message || 'The sign-in failed.');
      button.disabled = false;
      button.focus();
    };
    window.setTimeout(poll, interval * 1000);
  }

  // ------------------------------------------------------------ live regions

  function replaceRegion(target, html) {
    const region = document.getElementById(target);
    if (!region) return;
    if (region.querySelector('[data-busy]')) {
      pending[target] = html; // someone is in the middle of ending a session here: update afterwards
      return;
    }
    const focused = document.activeElement && region.contains(document.activeElement) ? document.activeElement.id : null;
    region.innerHTML = html;
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  function flush(target) {
    if (pending[target] !== undefined) {
      const html = pending[target];
      delete pending[target];
      replaceRegion(target, html);
    }
  }

  function follow(element) {
    const source = new EventSource(element.dataset.live);
    const state = document.getElementById('live-state');
    source.addEventListener('open', () => { if (state) state.textContent = 'Live.'; document.body.dataset.live = 'open'; });
    source.addEventListener('error', () => { if (state) state.textContent = 'Live updates interrupted; reconnecting…'; document.body.dataset.live = 'reconnecting'; });
    source.addEventListener('replace', (e) => {
      const m = JSON.parse(e.data);
      replaceRegion(m.target, m.html);
    });
    source.addEventListener('prepend', (e) => {
      const m = JSON.parse(e.data);
      const list = document.getElementById(m.target);
      if (list) {
        list.insertAdjacentHTML('afterbegin', m.html);
        while (list.children.length > 200) list.removeChild(list.lastElementChild);
      }
    });
    source.addEventListener('signed-out', () => { source.close(); window.location.assign('/'); });
    source.addEventListener('gone', () => { source.close(); window.location.reload(); });
  }

  // ------------------------------------------------------------ copy, end

  async function copy(button) {
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    const text = source.textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand('copy');
      selection.removeAllRanges();
    }
    button.dataset.copied = 'yes';
    announce('Copied to the clipboard.');
  }

  function button(label, cls, data) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.className = cls;
    Object.assign(b.dataset, data);
    return b;
  }

  function endBox(id) {
    return document.querySelector('.end[data-session="' + id + '"]');
  }

  function region(el) {
    const r = el.closest('#sessions, #summary');
    return r ? r.id : null;
  }

  function askToEnd(id) {
    const box = endBox(id);
    const result = document.getElementById('end-result-' + id);
    box.dataset.busy = 'yes';
    result.textContent = 'End this session for everyone in it? ';
    const yes = button('Yes, end it', 'danger', { endConfirm: id });
    yes.id = 'end-confirm-' + id;
    result.append(yes, ' ', button('Cancel', 'secondary', { endCancel: id }));
    yes.focus();
  }

  function settle(id, message) {
    const box = endBox(id);
    if (!box) return;
    const result = document.getElementById('end-result-' + id);
    result.textContent = message || '';
    delete box.dataset.busy;
    const r = region(box);
    if (r) flush(r);
  }

  async function end(id, discard) {
    const result = document.getElementById('end-result-' + id);
    result.textContent = 'Ending…';
    const r = await call('DELETE', '/sessions/' + encodeURIComponent(id) + (discard ? '?discard=true' : ''));
    if (r.status === 202 || r.status === 200) {
      announce('The session is ending.');
      settle(id, 'The session is ending.');
      return;
    }
    if (r.status === 409 && r.json.error === 'unsaved_work') {
      result.textContent = (r.json.message || 'Members have work that is not synced or published.') + ' ';
      const anyway = button('End anyway', 'danger', { endDiscard: id });
      anyway.id = 'end-anyway-' + id;
      result.append(anyway, ' ', button('Cancel', 'secondary', { endCancel: id }));
      anyway.focus();
      return;
    }
    settle(id, r.json.message || 'The session could not be ended (' + r.status + ').');
  }

  // ------------------------------------------------------------ start a session

  const FIELDS = ['repo_url', 'mode', 'branch', 'allowed_users', 'viewers'];
  const FIELD_OF = {
    invalid_repo_url: 'repo_url', local_repo_refused: 'repo_url', repo_outside_roots: 'repo_url',
    invalid_mode: 'mode', invalid_branch: 'branch'
  };

  function logins(value) {
    return value.split(/[\s,]+/).filter((s) => s.length > 0);
  }

  function fieldOf(error) {
    if (FIELD_OF[error.error]) return FIELD_OF[error.error];
    if (error.error === 'invalid_users') {
      const m = error.message || '';
      return /^viewers\b/.test(m) || / in viewers;/.test(m) ? 'viewers' : 'allowed_users';
    }
    return null;
  }

  async function startSession(form) {
    for (const f of FIELDS) {
      setText(f + '-error', '');
      document.getElementById(f).removeAttribute('aria-invalid');
    }
    setText('form-error', '');
    const body = {
      repo_url: form.repo_url.value.trim(),
      mode: form.mode.value,
      allowed_users: logins(form.allowed_users.value),
      viewers: logins(form.viewers.value)
    };
    if (form.branch.value.trim() !== '') body.branch = form.branch.value.trim();
    const submit = document.getElementById('start');
    submit.disabled = true;
    const r = await call('POST', '/sessions', body);
    submit.disabled = false;
    if (r.status === 202 || r.status === 200) {
      window.location.assign('/web/sessions/' + encodeURIComponent(r.json.id));
      return;
    }
    const field = fieldOf(r.json);
    const message = r.json.message || 'The session could not be started (' + r.status + ').';
    if (field) {
      setText(field + '-error', message);
      const input = document.getElementById(field);
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else {
      setText('form-error', message);
      submit.focus();
    }
  }

  // ------------------------------------------------------------ wiring

  document.addEventListener('click', (e) => {
    const t = e.target.closest('button');
    if (!t) return;
    if (t.id === 'sign-in') signIn(t);
    else if (t.id === 'logout') call('POST', '/web/logout').then(() => window.location.assign('/'));
    else if (t.dataset.copy) copy(t);
    else if (t.dataset.end) askToEnd(t.dataset.end);
    else if (t.dataset.endConfirm) end(t.dataset.endConfirm, false);
    else if (t.dataset.endDiscard) end(t.dataset.endDiscard, true);
    else if (t.dataset.endCancel) {
      const id = t.dataset.endCancel;
      settle(id, '');
      const again = document.getElementById('end-' + id);
      if (again) again.focus();
    }
  });

  const form = document.getElementById('new-session');
  if (form) {
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      startSession(form);
    });
  }

  if (page === 'sessions' || page === 'session') {
    document.querySelectorAll('[data-live]').forEach(follow);
  }
})();
