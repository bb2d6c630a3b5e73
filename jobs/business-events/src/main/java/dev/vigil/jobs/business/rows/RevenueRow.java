package dev.vigil.jobs.business.rows;

/** Revenue per currency per window (table {@code business_revenue_base}); currencies are never mixed. */
public class RevenueRow {
    public long bucket;
    public int windowSeconds;
    public String currency;
    public double revenue;
    public long purchases;

    public RevenueRow() {}
}
