-- Account shares per portfolio, kept by triggers, so the 5,000-account quota check of
-- CreatePortfolioShare is one lookup instead of counting every share of the portfolio (a scan
-- that grew with the quota and dominated account vending at thousands of accounts).
-- A share's portfolio and kind never change after insert, so insert and delete suffice.
CREATE TABLE share_account_counts (
    portfolio_id TEXT PRIMARY KEY,
    n            INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO share_account_counts (portfolio_id, n)
    SELECT portfolio_id, COUNT(*) FROM shares
    WHERE kind IN ('ACCOUNT', 'ORGANIZATION_MEMBER_ACCOUNT') GROUP BY portfolio_id;

CREATE TRIGGER share_account_counts_insert AFTER INSERT ON shares
WHEN NEW.kind IN ('ACCOUNT', 'ORGANIZATION_MEMBER_ACCOUNT') BEGIN
    INSERT INTO share_account_counts (portfolio_id, n) VALUES (NEW.portfolio_id, 1)
        ON CONFLICT (portfolio_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER share_account_counts_delete AFTER DELETE ON shares
WHEN OLD.kind IN ('ACCOUNT', 'ORGANIZATION_MEMBER_ACCOUNT') BEGIN
    UPDATE share_account_counts SET n = n - 1 WHERE portfolio_id = OLD.portfolio_id;
END;
