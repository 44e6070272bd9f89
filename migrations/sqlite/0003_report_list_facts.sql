ALTER TABLE `reports` ADD `killed_low` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `killed_high` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `killed_high_open` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `claimant_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Reports written before these columns: the same facts, read from their stored bodies.
UPDATE `reports` SET
  `claimant_count` = (SELECT count(DISTINCT json_extract(cl.value, '$.claimant.id')) FROM json_each(`reports`.`body`, '$.cells') c, json_each(c.value, '$.claims') cl),
  `killed_low` = (SELECT min(json_extract(c.value, '$.range.low')) FROM json_each(`reports`.`body`, '$.cells') c WHERE json_extract(c.value, '$.outcome') = 'killed' AND json_type(c.value, '$.range') = 'object'),
  `killed_high` = (SELECT max(json_extract(c.value, '$.range.high')) FROM json_each(`reports`.`body`, '$.cells') c WHERE json_extract(c.value, '$.outcome') = 'killed' AND json_type(c.value, '$.range') = 'object');--> statement-breakpoint
UPDATE `reports` SET `killed_high_open` = EXISTS (SELECT 1 FROM json_each(`reports`.`body`, '$.cells') c WHERE json_extract(c.value, '$.outcome') = 'killed' AND json_extract(c.value, '$.range.high') = `reports`.`killed_high` AND json_extract(c.value, '$.range.highOpen') = 1) WHERE `killed_high` IS NOT NULL;
