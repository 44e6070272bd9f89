export { ApiError, ReconClient } from './api-client.js';
export type {
  ActorEntry,
  AuditEvent,
  CurationAnswer,
  DraftClaim,
  Evidence,
  ExtractBody,
  ExtractionAnswer,
  IncidentEdit,
  AcceptedClaim,
  ClaimStatus,
  FieldError,
  IncidentDetail,
  IncidentFilter,
  IncidentList,
  IncidentListItem,
  ProblemClaim,
  ProblemClaimList,
  ProblemClaimsOptions,
  ProblemStatus,
  ReconClientOptions,
  RejectedClaim,
  ReportVersionInfo,
  ReportVersionList,
  SubmitAnswer,
} from './api-client.js';
export { InputError, parseClaimsInput, type ClaimsInput } from '@recon/exchange';
export { clean, cleanLine, toSafeJson } from './sanitize.js';
export { textTable, truncate, type TableOptions } from './text-table.js';
export { formatBounds, formatCount, formatRange } from './count-text.js';
export { evidenceLine, extractCommand, extractOptions, highlightFor, PLAIN_HIGHLIGHT, renderDraft, renderExtraction, sentenceAround, TERMINAL_HIGHLIGHT, type ExtractOptions, type Highlight } from './extract-command.js';
export { renderReport } from './report-text.js';
export { renderIncidents, incidentsOptions, incidentsCommand, type IncidentsOptions } from './incidents-command.js';
export { reportOptions, reportCommand, type ReportOptions } from './report-command.js';
export { claimCommand, claimOptions, renderClaimStatus, type ClaimOptions } from './claim-command.js';
export {
  DEFAULT_FAILURES_LIMIT,
  failuresCommand,
  failuresOptions,
  MAX_FAILURES_LIMIT,
  renderFailures,
  renderProblemClaims,
  shortId,
  type FailuresOptions,
  type ProblemLists,
} from './failures-command.js';
export { refusedLines, retriedLine, retryCommand, retryOptions, type RetryOptions } from './retry-command.js';
export { fieldErrorText } from './field-error-text.js';
export {
  batchesOf,
  mergeAnswers,
  rebase,
  renderSubmitSummary,
  submitCommand,
  submitOptions,
  type SubmitOptions,
} from './submit-command.js';
export { parseCommandArgs, UsageError, type ParsedArgs } from './cli-args.js';
export type { Command, CommandContext, Output } from './command.js';
export { COMMANDS, DEFAULT_URL, EXIT, runCli, type CliIo } from './cli.js';
export { editCommand, editFields } from './edit-command.js';
export { historyCommand } from './history-command.js';
export { mergeCommand } from './merge-command.js';
export { moveCommand } from './move-command.js';
export { retractCommand } from './retract-command.js';
export { reviewCommand } from './review-command.js';
export { splitCommand } from './split-command.js';
export { eventLine, renderCuration } from './curation-text.js';
export { actorsCommand, renderActors } from './actors-command.js';
