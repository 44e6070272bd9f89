CREATE TABLE "audit_events" (
	"seq" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"at" text NOT NULL,
	"incident_ids" text NOT NULL,
	"claim_ids" text NOT NULL,
	"note" text,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"effects" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_incidents" (
	"incident_id" text NOT NULL,
	"seq" integer NOT NULL,
	CONSTRAINT "audit_incidents_incident_id_seq_pk" PRIMARY KEY("incident_id","seq")
);
--> statement-breakpoint
CREATE TABLE "claim_failures" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"error" text NOT NULL,
	"attempts" integer NOT NULL,
	"status" text NOT NULL,
	"requeues" integer DEFAULT 0 NOT NULL,
	"first_failed_at" text NOT NULL,
	"last_failed_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text,
	"status" text NOT NULL,
	"body" text NOT NULL,
	"resolved" text NOT NULL,
	"claimant_id" text NOT NULL,
	"stated_at" text NOT NULL,
	"stated_instant" text NOT NULL,
	"received_at" text NOT NULL,
	"stored_at" text NOT NULL,
	"retracted_at" text,
	"retracted_by" text,
	"facts" text,
	"country" text,
	"place_id" text,
	"first_day" integer,
	"last_day" integer,
	"signature" text,
	"pinned_to" text,
	"pool" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "figures" (
	"claim_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"incident_id" text NOT NULL,
	"party_id" text NOT NULL,
	"party_as_reported" text NOT NULL,
	"outcome" text NOT NULL,
	"count" text NOT NULL,
	"low" bigint,
	"high" bigint,
	"quantified" integer NOT NULL,
	"perspective" text NOT NULL,
	CONSTRAINT "figures_claim_id_ordinal_pk" PRIMARY KEY("claim_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" text PRIMARY KEY NOT NULL,
	"key" text,
	"country" text NOT NULL,
	"place_id" text,
	"place_name" text,
	"location" text,
	"admin1" text,
	"title" text,
	"lat" double precision,
	"lon" double precision,
	"start_date" text NOT NULL,
	"end_date" text,
	"first_day" integer NOT NULL,
	"last_day" integer NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"needs_review" integer DEFAULT 0 NOT NULL,
	"candidates" text DEFAULT '[]' NOT NULL,
	"anchor" integer DEFAULT 0 NOT NULL,
	"match_country" text,
	"match_place_id" text,
	"match_first" integer,
	"match_last" integer,
	"derivation" text DEFAULT '{}' NOT NULL,
	"overrides" text DEFAULT '{}' NOT NULL,
	"review_decision" text,
	"merged_into" text,
	"retired_by" text,
	"claim_seq" integer DEFAULT 0 NOT NULL,
	"reported_seq" integer DEFAULT 0 NOT NULL,
	"latest_version" integer DEFAULT 0 NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_routes" (
	"key" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rejections" (
	"id" text PRIMARY KEY NOT NULL,
	"body" text NOT NULL,
	"errors" text NOT NULL,
	"stage" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"incident_id" text NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"claim_seq" integer NOT NULL,
	"claim_count" integer NOT NULL,
	"disputed_cells" integer NOT NULL,
	"summary" text NOT NULL,
	"killed_low" bigint,
	"killed_high" bigint,
	"killed_high_open" integer DEFAULT 0 NOT NULL,
	"claimant_count" integer DEFAULT 0 NOT NULL,
	"generated_at" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "reports_incident_id_version_pk" PRIMARY KEY("incident_id","version")
);
--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_id_unique" ON "audit_events" USING btree ("id");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "claim_failures_status_idx" ON "claim_failures" USING btree ("status","last_failed_at");--> statement-breakpoint
CREATE INDEX "claims_incident_idx" ON "claims" USING btree ("incident_id","status");--> statement-breakpoint
CREATE INDEX "claims_incident_stated_idx" ON "claims" USING btree ("incident_id","stated_instant","id");--> statement-breakpoint
CREATE INDEX "claims_pool_match_idx" ON "claims" USING btree ("country","place_id","last_day") WHERE pool = 1;--> statement-breakpoint
CREATE INDEX "claims_pinned_signature_idx" ON "claims" USING btree ("signature") WHERE pinned_to IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_key_unique" ON "incidents" USING btree ("key");--> statement-breakpoint
CREATE INDEX "incidents_match_idx" ON "incidents" USING btree ("country","place_id","first_day");--> statement-breakpoint
CREATE INDEX "incidents_start_idx" ON "incidents" USING btree ("start_date");--> statement-breakpoint
CREATE INDEX "incidents_dirty_idx" ON "incidents" USING btree ("claim_seq","reported_seq");--> statement-breakpoint
CREATE INDEX "incidents_anchor_match_idx" ON "incidents" USING btree ("match_country","match_place_id","match_last") WHERE anchor = 1;--> statement-breakpoint
CREATE INDEX "incidents_merged_idx" ON "incidents" USING btree ("merged_into") WHERE merged_into IS NOT NULL;--> statement-breakpoint
CREATE INDEX "rejections_created_idx" ON "rejections" USING btree ("created_at");