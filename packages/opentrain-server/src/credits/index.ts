/**
 * @module Credits: the append-only credit ledger (integer cents), two-phase holds for escrow,
 * cached balances and freelancer earnings. See docs/credits-and-payments.md.
 */
export { type AccountAudit, CreditReads, DEFAULT_PAGE_LIMIT, type EarningsPage, type EntryPage, type FreelancerEarning, MAX_PAGE_LIMIT } from './credits-reads';
export { type AdjustInput, CreditsService, type EntryResult, type HoldInput, type HoldMoveInput, type HoldResult, type TopUpInput } from './credits-service';
export { type Balance, type CreditHold, type LedgerEntry, MAX_AMOUNT_CENTS } from './ledger';
export { type CreditTables, creditsMigrations, ENTRY_TYPES, HOLD_STATUSES, type HoldStatus, type LedgerEntryType } from './schema';
export { type CreditsServices, createCreditsModule } from './module';
