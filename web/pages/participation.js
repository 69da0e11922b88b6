// @ts-check
// The decision page's 公众参与 section (R5, R6): the comment period, the one list of comments (public site and other
// channels), grouping by topic (linked by id), each group's answer, what is left, concluding the step, the adoption
// summary; the hearings (R7) below it (web/pages/hearings.js). The lead department's drafter works it while the stage
// runs; everyone else who reads the decision in full reads it.

import { api, ApiError, newIdempotencyKey } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { choiceLabel } from '../fields.js';
import { schemaForm } from '../forms.js';
import { formatDate, formatDateTime, getLocale, t } from '../i18n.js';
import { formSchema, hasRole, myDepartmentId } from '../shell.js';
import {
  disclosureForm,
  downloadButton,
  errorBox,
  flash,
  loading,
  ruleBox,
  showFormProblems,
  summaryCard,
} from '../ui.js';
import { hearingsBlock } from './hearings.js';

/** Whether the decision has a participation stage to show (not skipped as confidential, not before launch). */
export function showsParticipation(d) {
  const s = (d.stages ?? []).find((x) => x.stage === 'public_participation');
  return Boolean(s) && !['skipped', 'not_applicable'].includes(s.status);
}

/** Whether this person works the participation now: the lead department's drafter while the stage runs. */
const works = (d, list) =>
  hasRole('drafter') && d.leadDepartment?.id === myDepartmentId() && list.stage === 'in_progress';

/**
 * The section, loaded on its own (GET comments and hearings) so the rest of the decision page is not held up.
 * @param {any} d the decision
 * @param {() => void} rerenderDecision after the step is concluded the whole page changes (stages, tasks)
 */
export function participationPanel(d, rerenderDecision) {
  if (!showsParticipation(d)) return null;
  const body = h('div', { class: 'panel-body participation' }, loading());
  const section = panel({ id: 'participation-title', title: t('pp.title'), class: 'participation-panel' }, body);
  const load = async (message = '') => {
    try {
      const [list, hearings, commentSchema, groupSchema, answerSchema] = await Promise.all([
        api.comments(d.id),
        api.hearings(d.id),
        formSchema('comment'),
        formSchema('commentGroup'),
        formSchema('commentGroupAnswer'),
      ]);
      const canWork = works(d, list);
      mount(
        body,
        message ? flash(message) : null,
        periodBlock(list),
        countsBlock(list),
        commentsBlock(d, list, canWork, commentSchema, groupSchema, load),
        groupsBlock(d, list, canWork, answerSchema, load),
        await hearingsBlock(d, hearings.items, canWork, load),
        concludeBlock(d, list, canWork, rerenderDecision),
      );
    } catch (err) {
      // Only the published parts of the decision are this person's: no participation records to show.
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) section.remove();
      else
        mount(
          body,
          errorBox(err, () => load()),
        );
    }
  };
  void load();
  return section;
}

function periodBlock(list) {
  const p = list.period;
  if (!p) return h('p', { class: 'empty' }, t('pp.noPeriod'));
  const methods = (p.methods ?? []).map((m) => choiceLabel('methods', m)).join(getLocale() === 'en' ? ', ' : '、');
  const rows = [
    [
      t('pp.period'),
      [
        t('pp.periodRange', { from: formatDateTime(p.openedAt), to: formatDateTime(p.endsAt), days: p.days }),
        ' ',
        h(
          'span',
          { class: ['badge', p.open ? 'badge--provisional' : 'badge--paused'] },
          t(p.open ? 'pp.open' : 'pp.ended'),
        ),
      ],
    ],
    [t('pp.methods'), methods],
    [t('pp.where'), p.publishedWhere],
    [t('pp.how'), p.howToComment],
    [
      t('pp.publicPage'),
      p.publicPath
        ? h('a', { href: p.publicPath, target: '_blank', rel: 'noopener', class: 'pp-public-link' }, t('pp.publicOpen'))
        : t('pp.noPublicPage'),
    ],
  ].filter(([, v]) => v);
  return h(
    'dl',
    { class: 'meta pp-period' },
    rows.map(([k, v]) => h('div', { class: 'meta-item' }, h('dt', {}, k), h('dd', {}, v))),
  );
}

function countsBlock(list) {
  const c = list.counts;
  return h(
    'ul',
    { class: 'cards pp-counts', 'aria-label': t('pp.counts') },
    summaryCard(t('pp.countComments'), c.comments),
    summaryCard(t('pp.countUngrouped'), c.ungrouped, { tone: c.ungrouped ? 'soon' : '' }),
    summaryCard(t('pp.countGroups'), c.groups),
    summaryCard(t('pp.countUnanswered'), c.unanswered, { tone: c.unanswered ? 'soon' : '' }),
  );
}

const groupName = (g) => t('pp.groupName', { n: g.seq, summary: g.summary });

/** The comment list; with checkboxes and the grouping and recording forms for the person who works it. */
function commentsBlock(d, list, canWork, commentSchema, groupSchema, reload) {
  const groups = new Map(list.groups.map((g) => [g.id, g]));
  /** @type {Set<string>} */
  const picked = new Set();
  const pickedNote = h('p', { class: 'panel-meta pp-picked', role: 'status' }, t('pp.picked', { n: 0 }));
  const refreshPicked = () => (pickedNote.textContent = t('pp.picked', { n: picked.size }));
  const rows = list.comments.map((c) => {
    const group = c.groupId ? groups.get(c.groupId) : null;
    return h(
      'tr',
      { 'data-comment': c.receipt },
      canWork
        ? h(
            'td',
            { class: 'pp-check' },
            h('input', {
              type: 'checkbox',
              'aria-label': t('pp.pick', { receipt: c.receipt }),
              onchange: (ev) => {
                if (ev.target.checked) picked.add(c.id);
                else picked.delete(c.id);
                refreshPicked();
              },
            }),
          )
        : null,
      h('td', { 'data-label': t('pp.receipt') }, h('code', {}, c.receipt)),
      h('td', { 'data-label': t('pp.channel') }, choiceLabel('channel', c.channel)),
      h('td', { 'data-label': t('pp.received') }, formatDate(c.receivedAt)),
      h('td', { 'data-label': t('pp.kind') }, choiceLabel('commenterKind', c.commenterKind)),
      h('td', { 'data-label': t('pp.text'), class: 'pp-text' }, c.text),
      h(
        'td',
        { 'data-label': t('pp.group') },
        group ? groupName(group) : h('span', { class: 'pp-ungrouped' }, t('pp.ungrouped')),
      ),
    );
  });
  const head = [
    ...(canWork ? [h('span', { class: 'visually-hidden' }, t('pp.pickColumn'))] : []),
    t('pp.receipt'),
    t('pp.channel'),
    t('pp.received'),
    t('pp.kind'),
    t('pp.text'),
    t('pp.group'),
  ];
  const table = list.comments.length
    ? h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'table pp-comments' },
          h('caption', { class: 'visually-hidden' }, t('pp.comments')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              head.map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h('tbody', {}, rows),
        ),
      )
    : h('p', { class: 'empty' }, t('pp.noComments'));
  return h(
    'div',
    { class: 'pp-block' },
    h('h3', {}, t('pp.comments')),
    table,
    canWork && list.comments.length ? groupingForms(d, list, picked, pickedNote, groupSchema, reload) : null,
    canWork
      ? disclosureForm({
          open: t('pp.record'),
          submit: t('pp.recordSubmit'),
          schema: commentSchema,
          scope: 'comment',
          send: (v) => api.recordComment(d.id, v),
          done: (res) => reload(t('pp.recorded', { receipt: res.receipt })),
        })
      : null,
  );
}

/** Put the ticked comments into a new group (its summary from the server's schema) or into an existing one. */
function groupingForms(d, list, picked, pickedNote, groupSchema, reload) {
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  const needPicked = () => {
    if (picked.size) return false;
    mount(alertEl, h('div', { class: 'error-box' }, h('p', {}, t('pp.pickFirst'))));
    return true;
  };
  // The group's own fields come from the schema; which comments it holds are the ticked rows (by id).
  const own = structuredClone(groupSchema);
  delete own.properties.commentIds;
  own.required = (own.required ?? []).filter((k) => k !== 'commentIds');
  const form = schemaForm({ schema: own, scope: 'commentGroup' });
  const create = h('button', { type: 'submit', class: 'btn btn--primary btn--small' }, t('pp.groupCreate'));
  const newGroup = h(
    'form',
    {
      class: 'task-form task-form--inline pp-new-group',
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        form.clearErrors();
        mount(alertEl);
        if (needPicked()) return;
        const { value, errors } = form.value();
        if (errors.length) return showFormProblems(form, alertEl, errors);
        create.disabled = true;
        try {
          const g = await api.createCommentGroup(d.id, { ...value, commentIds: [...picked] });
          reload(t('pp.grouped', { n: picked.size, group: g.seq }));
        } catch (err) {
          create.disabled = false;
          showFormProblems(form, alertEl, err, '');
        }
      },
    },
    form.el,
    h('div', { class: 'form-actions' }, create),
  );
  const select = h(
    'select',
    { id: 'pp-existing-group', name: 'groupId' },
    h('option', { value: '' }, t('form.choose')),
    list.groups.map((g) => h('option', { value: g.id }, groupName(g))),
  );
  const add = h('button', { type: 'submit', class: 'btn btn--small' }, t('pp.groupAdd'));
  const existing = list.groups.length
    ? h(
        'form',
        {
          class: 'task-form task-form--inline pp-add-group',
          novalidate: true,
          onsubmit: async (ev) => {
            ev.preventDefault();
            mount(alertEl);
            if (needPicked()) return;
            if (!select.value) {
              mount(alertEl, h('div', { class: 'error-box' }, h('p', {}, t('pp.chooseGroup'))));
              select.focus();
              return;
            }
            add.disabled = true;
            try {
              await api.groupComments(d.id, select.value, [...picked]);
              const g = list.groups.find((x) => x.id === select.value);
              reload(t('pp.grouped', { n: picked.size, group: g?.seq ?? '' }));
            } catch (err) {
              add.disabled = false;
              mount(alertEl, ruleBox(err));
            }
          },
        },
        h('div', { class: 'sf-field' }, h('label', { for: select.id }, t('pp.existingGroup')), select),
        h('div', { class: 'form-actions' }, add),
      )
    : null;
  return h(
    'div',
    { class: 'pp-grouping' },
    h('h4', {}, t('pp.grouping')),
    pickedNote,
    h('div', { class: 'pp-grouping-forms' }, newGroup, existing),
    alertEl,
  );
}

const RESPONSE_TONE = { adopted: 'done', partly_adopted: 'provisional', not_adopted: 'paused' };

/** The groups with their answers (R6: a reason unless adopted); each answered or re-answered in place. */
function groupsBlock(d, list, canWork, answerSchema, reload) {
  return h(
    'div',
    { class: 'pp-block' },
    h('h3', {}, t('pp.groups')),
    list.groups.length
      ? h(
          'ol',
          { class: 'pp-groups' },
          list.groups.map((g) =>
            h(
              'li',
              { class: 'pp-group', 'data-group': String(g.seq) },
              h(
                'div',
                { class: 'pp-group-head' },
                h('span', { class: 'pp-group-name' }, groupName(g)),
                h('span', { class: 'panel-meta' }, t('pp.groupCount', { n: g.comments })),
              ),
              g.response
                ? h(
                    'p',
                    { class: 'pp-answer' },
                    h(
                      'span',
                      { class: ['badge', `badge--${RESPONSE_TONE[g.response] ?? 'paused'}`] },
                      choiceLabel('response', g.response),
                    ),
                    g.reason ? ` ${t('pp.reason')}${t('colon')}${g.reason}` : '',
                  )
                : h('p', { class: 'pp-answer pp-unanswered' }, t('pp.unanswered')),
              canWork
                ? disclosureForm({
                    open: g.response ? t('pp.reanswer') : t('pp.answer'),
                    submit: t('pp.answerSubmit'),
                    schema: answerSchema,
                    scope: 'commentGroupAnswer',
                    initial: g.response ? { response: g.response, reason: g.reason ?? undefined } : {},
                    hints: { reason: { conditional: true, help: t('pp.reasonHelp') } },
                    send: (v) => api.answerCommentGroup(d.id, g.id, v),
                    done: () => reload(t('pp.answered', { group: g.seq })),
                  })
                : null,
            ),
          ),
        )
      : h('p', { class: 'empty' }, t('pp.noGroups')),
  );
}

/** Concluding the step after the period (R5; R6 every comment grouped, every group answered) and the summary. */
function concludeBlock(d, list, canWork, rerenderDecision) {
  const alertEl = h('div', { class: 'form-alert', role: 'alert' });
  let key = newIdempotencyKey();
  const conclude = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--primary',
      onclick: async () => {
        mount(alertEl);
        if (!window.confirm(t('pp.concludeConfirm'))) return;
        conclude.disabled = true;
        try {
          await api.concludeParticipation(d.id, key);
          rerenderDecision();
        } catch (err) {
          conclude.disabled = false;
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) key = newIdempotencyKey();
          mount(alertEl, ruleBox(err));
          alertEl.querySelector('.error-box')?.setAttribute('tabindex', '-1');
          /** @type {HTMLElement | null} */ (alertEl.querySelector('.error-box'))?.focus();
        }
      },
    },
    t('pp.conclude'),
  );
  const base = `/api/decisions/${encodeURIComponent(d.id)}`;
  return h(
    'div',
    { class: 'pp-block pp-conclude' },
    h('h3', {}, t('pp.summary')),
    list.stage === 'done'
      ? h('p', {}, t('pp.concluded'))
      : canWork
        ? h('p', { class: 'panel-lead' }, t('pp.concludeLead'))
        : null,
    h(
      'div',
      { class: 'form-actions' },
      canWork ? conclude : null,
      downloadButton(t('pp.summaryDocx'), `${base}/participation/summary.docx`, `${d.number}公众意见采纳情况.docx`),
    ),
    alertEl,
  );
}
