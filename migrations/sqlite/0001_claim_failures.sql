CREATE TABLE `claim_failures` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`error` text NOT NULL,
	`attempts` integer NOT NULL,
	`status` text NOT NULL,
	`requeues` integer DEFAULT 0 NOT NULL,
	`first_failed_at` text NOT NULL,
	`last_failed_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `claim_failures_status_idx` ON `claim_failures` (`status`,`last_failed_at`);