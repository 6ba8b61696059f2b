-- Each brand a post mentions gets the sentiment of the text around its mentions (the
-- clauses naming it, see Classifier.brandSentiments), not the post's: a post praising one
-- brand and attacking another counts positive for the first and negative for the second.
-- brand_hourly and the per-brand rows of category_hourly count this sentiment; the
-- post's own stays in classifications (and in category_hourly's brand 0 rows).
--
-- NULL, in both columns, means "the post's sentiment": the value of every row written by
-- a classifier version from before this column, and of a brand matched without a position
-- (a query of only NOT or lang:, or the author field). Such rows stay valid and are counted
-- as they were, so a version's rollups never change under it; `vigie classify --reclassify`
-- with a newer version fills the columns.
ALTER TABLE post_brands
    ADD COLUMN sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive')),
    ADD COLUMN score double precision CHECK (score BETWEEN -1 AND 1),
    ADD CONSTRAINT post_brands_sentiment_whole CHECK ((sentiment IS NULL) = (score IS NULL));
