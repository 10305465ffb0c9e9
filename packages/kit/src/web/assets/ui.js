// The design system's only script (served from our origin; no inline script anywhere).
// Every behaviour degrades: without JavaScript forms still submit and pages still work.
(() => {
  // Pending buttons: after a submit, the button says "Working…" and cannot be pressed twice.
  // Deferred one tick so the browser has already captured the submitter's name and value.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const button = event.submitter || form.querySelector('button[type=submit], button:not([type])');
    if (!(button instanceof HTMLButtonElement)) return;
    setTimeout(() => {
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      button.textContent = button.dataset.pending || 'Working…';
    }, 0);
  });

  // Destructive actions: forms with data-confirm ask in a <dialog> first (without JS they submit).
  let dialog;
  function confirmDialog(message, actionLabel, onConfirm) {
    if (!dialog) {
      dialog = document.createElement('dialog');
      dialog.setAttribute('aria-labelledby', 'confirm-title');
      dialog.innerHTML =
        '<article><h2 id="confirm-title">Are you sure?</h2><p data-message></p><footer class="actions">' +
        '<button type="button" class="secondary" data-cancel>Cancel</button><button type="button" class="danger" data-ok></button></footer></article>';
      document.body.appendChild(dialog);
      dialog.querySelector('[data-cancel]').addEventListener('click', () => dialog.close());
    }
    dialog.querySelector('[data-message]').textContent = message;
    const ok = dialog.querySelector('[data-ok]');
    ok.textContent = actionLabel;
    ok.onclick = () => {
      dialog.close();
      onConfirm();
    };
    dialog.showModal();
    dialog.querySelector('[data-cancel]').focus();
  }
  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.dataset.confirm || form.dataset.confirmed === '1') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const button = event.submitter || form.querySelector('button');
      confirmDialog(form.dataset.confirm, button?.textContent || 'Confirm', () => {
        form.dataset.confirmed = '1';
        form.requestSubmit(event.submitter || undefined);
      });
    },
    true,
  );

  // Copy buttons: <button data-copy="element-id">.
  for (const b of document.querySelectorAll('[data-copy]')) {
    b.addEventListener('click', () => {
      const text = document.getElementById(b.getAttribute('data-copy')).textContent;
      navigator.clipboard.writeText(text).then(
        () => {
          b.textContent = 'Copied';
        },
        () => {
          b.textContent = 'Select the key and copy it';
        },
      );
    });
  }

  // "Select all" checkboxes: <input data-select-all="name"> ticks every box with that name.
  for (const all of document.querySelectorAll('[data-select-all]')) {
    all.addEventListener('change', () => {
      for (const box of document.querySelectorAll(`input[name="${all.dataset.selectAll}"]`)) box.checked = all.checked;
    });
  }

  // Hidden timezone fields: <input type=hidden data-timezone> get the browser's zone.
  for (const input of document.querySelectorAll('input[data-timezone]')) {
    input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || input.value;
  }
})();
