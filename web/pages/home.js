// @ts-check
// Home (工作台): the person's inbox with counts, the role's own panel (department's decisions or the overdue board)
// and the filtered list of decisions.

import { api } from '../api.js';
import { h, mount, panel } from '../dom.js';
import { getLocale, label, pick, t } from '../i18n.js';
import { decisionHash, reviewHash, taskHash } from '../links.js';
import { listView } from '../list-view.js';
import { departments, deptName, flashNotice, hasRole, myDepartmentId, navigate, stale, state } from '../shell.js';
import { dueSoonPanel } from '../due-soon.js';
import { dueView, errorBox, focusHeading, loading, statusBadge, summaryCard, table, td } from '../ui.js';
import { boardTable } from '../task-table.js';
import { warningBadge } from '../warning.js';

/** Rows of the department's due-soon board per page on the home page. */
const DUE_SOON_PAGE = 5;
/** Rows of the overdue board on the home page (the rest on 督查督办 or 法务中心). */
const BOARD_PAGE = 10;

export function renderHome(main, query, seq, focus) {
  document.title = `${t('home.title')} · ${t('app.name')}`;
  const u = state.me ?? state.session.user;
  const roles = u.roles ?? [];
  const primary = ['drafter', 'dept_head', 'reviewer', 'director', 'secretary', 'supervisor', 'leader', 'admin'].find(
    (r) => roles.includes(r),
  );

  const cards = h('ul', { class: 'cards', 'aria-label': t('home.title') });
  const head = h(
    'section',
    { class: 'home-head', 'aria-labelledby': 'home-title' },
    h(
      'div',
      { class: 'home-head-text' },
      h('h1', { id: 'home-title' }, t('home.title')),
      h(
        'p',
        { class: 'home-hint' },
        h('span', { class: 'home-greeting' }, t('home.greeting', { name: u.displayName })),
        primary ? h('span', {}, t(`home.roleHint.${primary}`)) : null,
      ),
    ),
    hasRole('drafter')
      ? h('a', { class: 'btn btn--primary home-launch', href: '#/launch' }, `＋ ${t('nav.launch')}`)
      : null,
  );

  const tasksBody = h('div', { class: 'panel-body' }, loading());
  const tasksMeta = h('p', { class: 'panel-meta' });
  const tasksPanel = panel(
    { id: 'tasks-title', title: t('tasks.title'), meta: tasksMeta, class: 'tasks-panel' },
    tasksBody,
  );

  // The role's own panel: the department's decisions for drafters and heads; for oversight the overdue board — the
  // office, leaders and admin: the city's overdue tasks (decisions' and reviews'), most overdue first, a page of the
  // board's own list with its true total; the director: the legal center's overdue reviews.
  const deptView = hasRole('drafter', 'dept_head') && myDepartmentId();
  const office = hasRole('supervisor', 'leader', 'admin');
  const boardView = office || hasRole('director');
  const roleBody = h('div', { class: 'panel-body' }, loading());
  const roleMeta = h('p', { class: 'panel-meta' });
  const rolePanel = deptView
    ? panel({ id: 'dept-title', title: t('home.deptDecisions'), meta: roleMeta }, roleBody)
    : boardView
      ? panel(
          {
            id: 'board-title',
            title: office ? t('home.overdueBoard') : t('home.overdueReviews'),
            meta: roleMeta,
            class: 'board-panel',
          },
          h('p', { class: 'panel-lead' }, office ? t('home.overdueBoardLead') : t('home.overdueReviewsLead')),
          roleBody,
        )
      : null;

  // A department's own due-soon board 临期预警 (issue 16 §2): every open task of the department within N working
  // days of its due, whoever holds it; its page in the URL as s.page.
  const soonBox = deptView ? h('div', { class: 'dept-due-soon' }) : null;

  const listBody = h('div', { class: 'panel-body' }, loading());
  const listMeta = h('p', { class: 'panel-meta', role: 'status' });
  const listPanel = panel(
    {
      id: 'decisions-title',
      title: deptView ? t('home.allDecisions') : t('decisions.title'),
      meta: listMeta,
      class: 'decisions-panel',
    },
    listBody,
  );

  mount(
    main,
    flashNotice(),
    head,
    cards,
    h('div', { class: 'home' }, tasksPanel, h('div', { class: 'home-side' }, soonBox, rolePanel, listPanel)),
  );
  if (focus) focusHeading(main);

  /** @type {{ tasks: number | null, overdue: number, soon: number, role: number | null }} */
  const counts = { tasks: null, overdue: 0, soon: 0, role: null };
  const renderCards = () => {
    const items = [];
    if (counts.tasks !== null) {
      items.push(summaryCard(t('home.openTasks'), counts.tasks, { href: '#tasks-title' }));
      items.push(summaryCard(t('home.overdueTasks'), counts.overdue, { tone: counts.overdue > 0 ? 'overdue' : '' }));
      items.push(summaryCard(t('home.dueSoon'), counts.soon, { tone: counts.soon > 0 ? 'soon' : '' }));
    }
    if (counts.role !== null)
      items.push(
        summaryCard(deptView ? t('home.active') : office ? t('sup.overdue') : t('home.overdueReviews'), counts.role, {
          tone: !deptView && counts.role > 0 ? 'overdue' : '',
        }),
      );
    mount(cards, items);
  };

  // The cards: the person's open and overdue tasks whatever the list below shows, and those due within 5 days.
  const loadCards = async () => {
    try {
      const res = await api.tasks({ pageSize: 100, sort: 'due' });
      if (stale(seq)) return;
      counts.tasks = res.counts?.status?.open ?? res.total;
      counts.overdue = res.overdue;
      // Yellow 临期 as the server counts it: within N working days of the due (issue 16 §2).
      counts.soon = res.items.filter((/** @type {any} */ x) => x.warning?.level === 'yellow').length;
      renderCards();
    } catch {
      /* the list below shows the error */
    }
  };

  // The one inbox (decisions' and reviews' tasks), filtered, sorted and paged on the server; the view in the URL.
  const loadTasks = () =>
    listView(tasksBody, {
      list: 'inbox',
      query,
      hash: (q) => homeQueryHash(q),
      load: (params) => api.tasks(params),
      chips: ['status', 'due', 'subject', 'kind', 'stage'],
      empty: t('tasks.none'),
      stale: () => stale(seq),
      onLoad: (res) =>
        mount(
          tasksMeta,
          h('span', { class: 'count' }, t('tasks.total', { n: res.total })),
          h(
            'span',
            { class: ['count', 'count--overdue', res.overdue > 0 && 'is-nonzero'] },
            t('tasks.overdue', { n: res.overdue }),
          ),
        ),
      rows: (res) => h('ul', { class: 'task-list' }, res.items.map(taskItem)),
    });

  const loadDept = async () => {
    mount(roleBody, loading());
    try {
      const res = await api.decisions({ departmentId: myDepartmentId(), pageSize: 10 });
      if (stale(seq)) return;
      const active = await api.decisions({ departmentId: myDepartmentId(), status: 'active', pageSize: 1 });
      if (stale(seq)) return;
      counts.role = active.total;
      renderCards();
      mount(roleMeta, t('decisions.count', { n: res.total }));
      mount(
        roleBody,
        res.items.length
          ? decisionTable(res.items, { caption: t('home.deptDecisions') })
          : h('p', { class: 'empty' }, t('decisions.none')),
      );
    } catch (err) {
      if (!stale(seq)) mount(roleBody, errorBox(err, loadDept));
    }
  };

  const loadDueSoon = async () => {
    if (!soonBox) return;
    const page = Math.max(1, Number.parseInt(query.get('s.page') ?? '1', 10) || 1);
    try {
      const [res] = await Promise.all([api.dueSoon({ page, pageSize: DUE_SOON_PAGE }), departments()]);
      if (stale(seq)) return;
      const department = deptName(myDepartmentId());
      const hrefOf = (/** @type {number} */ p) => {
        const q = new URLSearchParams(query);
        if (p > 1) q.set('s.page', String(p));
        else q.delete('s.page');
        return homeQueryHash(q);
      };
      mount(
        soonBox,
        dueSoonPanel(res, hrefOf, {
          id: 'dept-due-soon-title',
          title: t('home.deptDueSoon'),
          lead: t('home.deptDueSoonLead', { department, n: res.yellowWorkingDays }),
          department,
        }),
      );
    } catch (err) {
      if (!stale(seq)) mount(soonBox, errorBox(err, loadDueSoon));
    }
  };

  const loadBoard = async () => {
    mount(roleBody, loading());
    try {
      const [res] = await Promise.all([
        office
          ? api.overdue({ pageSize: BOARD_PAGE })
          : api.reviews({ scope: 'center', status: 'open', due: 'overdue', pageSize: BOARD_PAGE }),
        departments(),
      ]);
      if (stale(seq)) return;
      counts.role = res.total;
      renderCards();
      mount(
        roleMeta,
        h(
          'span',
          { class: ['count', 'count--overdue', res.total > 0 && 'is-nonzero'] },
          t('tasks.overdue', { n: res.total }),
        ),
      );
      mount(
        roleBody,
        res.items.length
          ? [
              office
                ? boardTable(res.items, {
                    caption: t('home.overdueBoard'),
                    cls: 'overdue-table',
                    rowClass: 'is-overdue',
                  })
                : reviewTable(res.items),
              res.total > res.items.length
                ? h(
                    'p',
                    { class: 'panel-more' },
                    h('a', { href: office ? '#/supervision' : '#/legal' }, t('home.boardAll', { n: res.total })),
                  )
                : null,
            ]
          : h('p', { class: 'empty' }, office ? t('home.overdueNone') : t('home.overdueReviewsNone')),
      );
    } catch (err) {
      if (!stale(seq)) mount(roleBody, errorBox(err, loadBoard));
    }
  };

  // Every decision the person may read, filtered, sorted and paged on the server (its view in the URL as d.*).
  const loadList = () =>
    listView(listBody, {
      list: 'decisions',
      prefix: 'd.',
      query,
      hash: (q) => homeQueryHash(q),
      load: (params) => api.decisions(params),
      chips: ['stage', 'status'],
      empty: t('decisions.none'),
      stale: () => stale(seq),
      onLoad: (res) => mount(listMeta, t('decisions.count', { n: res.total })),
      rows: (res) => decisionTable(res.items),
    });

  loadCards();
  loadTasks();
  if (deptView) {
    loadDept();
    loadDueSoon();
  } else if (boardView) loadBoard();
  loadList();
}

/** The director's overdue reviews: number and kind, title, due. @param {any[]} items */
function reviewTable(items) {
  return table(
    t('home.overdueReviews'),
    [t('legal.subject'), t('sub.titleCol'), t('open.due')],
    items.map((r) =>
      h(
        'tr',
        { class: 'is-overdue' },
        td(
          t('legal.subject'),
          h('span', { class: 'num' }, r.subjectNumber),
          h('span', { class: 'open-role' }, ` ${label('reviewKind', r.kind)}`),
        ),
        td(t('sub.titleCol'), h('a', { href: reviewHash(r.id) }, r.title)),
        td(t('open.due'), dueView({ dueAt: r.dueAt }, { overdue: true, basis: false, labelled: false })),
      ),
    ),
    'overdue-table',
  );
}

/**
 * One inbox entry, a decision's task or a review's (a normative document's or contract's): the task opens the one
 * task page, the second link its subject's page.
 * @param {any} task
 */
function taskItem(task) {
  const r = task.review;
  const s = r
    ? {
        number: r.subjectNumber ?? '',
        title: r.title,
        kind: r.kind ? label('reviewKind', r.kind) : null,
        taskHref: taskHash(task.id),
        href: reviewHash(r.id),
        open: t('tasks.openReview', { number: r.subjectNumber }),
      }
    : {
        number: task.decision?.number ?? '',
        title: task.decision?.title,
        kind: null,
        taskHref: taskHash(task.id),
        href: decisionHash(task.decisionId),
        open: t('tasks.openDecision', { number: task.decision?.number ?? '' }),
      };
  return h(
    'li',
    { class: ['task-item', task.overdue && 'is-overdue', task.warning?.level === 'yellow' && 'is-due-soon'] },
    h(
      'a',
      {
        class: 'task-link',
        href: s.taskHref,
        'aria-label': `${t('task.open')}${t('colon')}${pick(task.label)} · ${s.number}`,
      },
      h('span', { class: 'task-label' }, pick(task.label)),
      // Issue 16 §4: a task done as someone's substitute (代办).
      task.onBehalfOf
        ? h('span', { class: 'badge badge--provisional' }, t('absence.for', { name: task.onBehalfOf.name }))
        : null,
      h(
        'span',
        { class: 'task-decision' },
        h('span', { class: 'num' }, s.number),
        ' ',
        h('span', { class: 'task-decision-title' }, s.title),
        s.kind ? h('span', { class: 'open-role' }, ` · ${s.kind}`) : null,
      ),
    ),
    h(
      'div',
      { class: 'task-due' },
      warningBadge(task.warning),
      ' ',
      dueView(task.due, { overdue: task.overdue, paused: task.paused, basis: false, attention: task.dueAttention }),
    ),
    h('a', { class: 'task-decision-link', href: s.href }, s.open),
  );
}

/** @param {any[]} items @param {{ caption?: string }} [options] */
function decisionTable(items, { caption } = {}) {
  const cols = ['number', 'title', 'lead', 'stage', 'status', 'nextDue'];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table decision-table' },
      h('caption', { class: 'visually-hidden' }, caption ?? t('decisions.title')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          cols.map((c) => h('th', { scope: 'col', class: `col-${c}` }, t(`col.${c}`))),
        ),
      ),
      h(
        'tbody',
        {},
        items.map((d) =>
          h(
            'tr',
            {
              class: d.overdue ? 'is-overdue' : '',
              onclick: (ev) => {
                if (ev.target.closest('a') || window.getSelection()?.toString()) return;
                navigate(decisionHash(d.id));
              },
            },
            h('td', { class: 'col-number', 'data-label': t('col.number') }, h('span', { class: 'num' }, d.number)),
            h(
              'td',
              { class: 'col-title', 'data-label': t('col.title') },
              h('a', { href: decisionHash(d.id) }, d.title),
              d.confidential ? h('span', { class: 'badge badge--confidential' }, t('badge.confidential')) : null,
            ),
            h(
              'td',
              { class: 'col-lead', 'data-label': t('col.lead') },
              getLocale() === 'en' ? d.leadDepartment?.nameEn : d.leadDepartment?.nameZh,
            ),
            h(
              'td',
              { class: 'col-stage', 'data-label': t('col.stage') },
              pick(d.stageLabel) || label('stage', d.stage),
            ),
            h('td', { class: 'col-status', 'data-label': t('col.status') }, statusBadge(d.status)),
            h(
              'td',
              { class: 'col-nextDue', 'data-label': t('col.nextDue') },
              d.nextDue || d.overdue
                ? dueView(d.nextDue, { overdue: d.overdue, basis: false, labelled: false })
                : h('span', { class: 'due due--none' }, '—'),
            ),
          ),
        ),
      ),
    ),
  );
}

/** @type {import('../router.js').Route} */
export const route = {
  path: '/',
  page: ({ main, query, seq, focus }) => renderHome(main, query, seq, focus),
  nav: { label: 'nav.home' },
};

/** The home page's hash with both lists' views (the inbox's parameters, the decisions' as d.*). @param {URLSearchParams} q */
const homeQueryHash = (q) => {
  const s = q.toString();
  return `#/${s ? `?${s}` : ''}`;
};
