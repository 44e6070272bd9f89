CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
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
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_incident_idx` ON `claims` (`incident_id`,`status`);--> statement-breakpoint
CREATE INDEX `claims_claimant_idx` ON `claims` (`claimant_id`);--> statement-breakpoint
CREATE TABLE `figures` (
	`claim_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`incident_id` text NOT NULL,
	`party_id` text NOT NULL,
	`party_as_reported` text NOT NULL,
	`outcome` text NOT NULL,
	`count` text NOT NULL,
	`low` integer,
	`high` integer,
	`quantified` integer NOT NULL,
	`perspective` text NOT NULL,
	PRIMARY KEY(`claim_id`, `ordinal`),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figures_cell_idx` ON `figures` (`incident_id`,`party_id`,`outcome`);--> statement-breakpoint
CREATE INDEX `figures_party_idx` ON `figures` (`party_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text,
	`country` text NOT NULL,
	`place_id` text,
	`place_name` text,
	`location` text,
	`admin1` text,
	`title` text,
	`lat` real,
	`lon` real,
	`start_date` text NOT NULL,
	`end_date` text,
	`first_day` integer NOT NULL,
	`last_day` integer NOT NULL,
	`search_text` text DEFAULT '' NOT NULL,
	`needs_review` integer DEFAULT false NOT NULL,
	`candidates` text DEFAULT '[]' NOT NULL,
	`claim_seq` integer DEFAULT 0 NOT NULL,
	`reported_seq` integer DEFAULT 0 NOT NULL,
	`latest_version` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_key_unique` ON `incidents` (`key`);--> statement-breakpoint
CREATE INDEX `incidents_match_idx` ON `incidents` (`country`,`place_id`,`first_day`);--> statement-breakpoint
CREATE INDEX `incidents_start_idx` ON `incidents` (`start_date`);--> statement-breakpoint
CREATE INDEX `incidents_dirty_idx` ON `incidents` (`claim_seq`,`reported_seq`);--> statement-breakpoint
CREATE TABLE `rejections` (
	`id` text PRIMARY KEY NOT NULL,
	`body` text NOT NULL,
	`errors` text NOT NULL,
	`stage` text NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rejections_created_idx` ON `rejections` (`created_at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`incident_id` text NOT NULL,
	`version` integer NOT NULL,
	`content_hash` text NOT NULL,
	`claim_seq` integer NOT NULL,
	`claim_count` integer NOT NULL,
	`disputed_cells` integer NOT NULL,
	`summary` text NOT NULL,
	`generated_at` text NOT NULL,
	`body` text NOT NULL,
	PRIMARY KEY(`incident_id`, `version`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE no action
);
