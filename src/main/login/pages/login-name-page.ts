// First login step (/ui/login/…): the "Login name" form, plus the optional user picker
// ("Log in as") and, for prompt=select_account, the existing sessions ("Choose an account").
import { escapeHtml } from './escape-html.js';
import { renderHiddenInputs, renderIdentity, renderLayout, renderTextField } from './layout.js';

export interface AccountRow {
  userId: string;
  displayName: string;
  loginName: string;
}

export interface AccountList {
  action: string;
  hidden: Record<string, string>;
  users: AccountRow[];
}

export interface LoginNamePageViewModel {
  action: string;
  hidden: Record<string, string>;
  orgName: string;
  appName: string;
  loginName?: string;
  error?: string;
  picker?: AccountList;
  sessions?: AccountList;
}

export function renderLoginNamePage(vm: LoginNamePageViewModel): string {
  const sessions = vm.sessions
    ? renderAccountList('Choose an account', 'sessions', vm.sessions, 'No active sessions.')
    : '';
  const picker = vm.picker
    ? renderAccountList('Log in as', 'picker', vm.picker, 'No active users in this organization.')
    : '';
  const field = renderTextField({
    name: 'loginName',
    label: 'Login name',
    value: vm.loginName,
    error: vm.error,
    attributes: 'autocomplete="username" autocapitalize="none" spellcheck="false" autofocus',
  });
  const formHeading = sessions || picker ? '<h2>Or enter a login name</h2>' : '';
  const body = `<p class="org">${escapeHtml(vm.orgName)}</p>
<h1>Login</h1>
<p class="muted center">to continue to ${escapeHtml(vm.appName)}</p>
${sessions}${picker}${formHeading}
<form method="post" action="${escapeHtml(vm.action)}">
${renderHiddenInputs(vm.hidden)}
${field}
<div class="actions"><button type="submit" class="primary">Next</button></div>
</form>`;
  return renderLayout({ title: `Login · ${vm.orgName}`, body });
}

/** One small form per row, so each account is a single Tab stop and a one-click submit. */
function renderAccountList(heading: string, id: string, list: AccountList, emptyText: string): string {
  const headingId = `${id}-heading`;
  if (list.users.length === 0) {
    return `<h2 id="${headingId}">${escapeHtml(heading)}</h2>\n<p class="muted">${escapeHtml(emptyText)}</p>\n`;
  }
  const rows = list.users.map(
    (user) => `<li><form method="post" action="${escapeHtml(list.action)}">
${renderHiddenInputs({ ...list.hidden, userId: user.userId })}
<button type="submit" class="account">${renderIdentity(user.displayName, user.loginName)}</button>
</form></li>`,
  );
  return `<h2 id="${headingId}">${escapeHtml(heading)}</h2>
<ul class="accounts" aria-labelledby="${headingId}">
${rows.join('\n')}
</ul>
`;
}
