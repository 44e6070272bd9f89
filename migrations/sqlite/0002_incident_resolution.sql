-- Edited by hand: the INSERT into __new_claims copies only the columns the old claims table has
-- (drizzle-kit listed the new ones on both sides). Stored claims get their new columns from
-- rebuildIncidents, which applyMigrations runs after this migration.
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`action` text NOT NULL,
	`actor` text NOT NULL,
	`at` text NOT NULL,
	`incident_ids` text NOT NULL,
	`claim_ids` text NOT NULL,
	`note` text,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`effects` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_id_unique` ON `audit_events` (`id`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE TABLE `audit_incidents` (
	`incident_id` text NOT NULL,
	`seq` integer NOT NULL,
	PRIMARY KEY(`incident_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `key_routes` (
	`key` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text,
	`status` text NOT NULL,
	`body` text NOT NULL,
	`resolved` text NOT NULL,
	`claimant_id` text NOT NULL,
	`stated_at` text NOT NULL,
	`stated_instant` text NOT NULL,
	`received_at` text NOT NULL,
	`stored_at` text NOT NULL,
	`retracted_at` text,
	`retracted_by` text,
	`facts` text,
	`country` text,
	`place_id` text,
	`first_day` integer,
	`last_day` integer,
	`signature` text,
	`pinned_to` text,
	`pool` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_claims`("id", "incident_id", "status", "body", "resolved", "claimant_id", "stated_at", "stated_instant", "received_at", "stored_at", "retracted_at", "retracted_by") SELECT "id", "incident_id", "status", "body", "resolved", "claimant_id", "stated_at", "stated_instant", "received_at", "stored_at", "retracted_at", "retracted_by" FROM `claims`;--> statement-breakpoint
DROP TABLE `claims`;--> statement-breakpoint
ALTER TABLE `__new_claims` RENAME TO `claims`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `claims_incident_idx` ON `claims` (`incident_id`,`status`);--> statement-breakpoint
CREATE INDEX `claims_claimant_idx` ON `claims` (`claimant_id`);--> statement-breakpoint
CREATE INDEX `claims_pool_match_idx` ON `claims` (`country`,`place_id`,`last_day`) WHERE pool = 1;--> statement-breakpoint
CREATE INDEX `claims_pinned_signature_idx` ON `claims` (`signature`) WHERE pinned_to IS NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `anchor` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `match_country` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `match_place_id` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `match_first` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `match_last` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `derivation` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `overrides` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `review_decision` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `merged_into` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `retired_by` text;--> statement-breakpoint
CREATE INDEX `incidents_anchor_match_idx` ON `incidents` (`match_country`,`match_place_id`,`match_last`) WHERE anchor = 1;--> statement-breakpoint
CREATE INDEX `incidents_merged_idx` ON `incidents` (`merged_into`) WHERE merged_into IS NOT NULL;