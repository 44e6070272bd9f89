DROP INDEX `claims_claimant_idx`;--> statement-breakpoint
DROP INDEX `figures_cell_idx`;--> statement-breakpoint
DROP INDEX `figures_party_idx`;