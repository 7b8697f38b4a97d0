/** The role AWS Organizations creates in the accounts it creates (kept SDK-free for the CLI). */
export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';
