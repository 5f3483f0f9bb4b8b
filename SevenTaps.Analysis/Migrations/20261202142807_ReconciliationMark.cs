using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SevenTaps.Analysis.Migrations
{
    /// <summary>
    /// The normalizer's reconciliation mark (<see cref="AnalysisSchema.ReconciliationMark"/>): one row, starting at 0,
    /// so the first pass walks every stored statement once. Not in the EF model and not in schema analysis: bookkeeping,
    /// not analysis data. AppHost creates the schema with its grants; a database migrated by hand gets it here.
    /// </summary>
    public partial class ReconciliationMark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE SCHEMA IF NOT EXISTS {SevenTaps.Contracts.DatabaseSchemas.Normalizer};
                CREATE TABLE {AnalysisSchema.ReconciliationMark.Table} (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    {AnalysisSchema.ReconciliationMark.NormalizedThrough} bigint NOT NULL,
                    {AnalysisSchema.ReconciliationMark.AdvancedAt} timestamp with time zone NOT NULL DEFAULT now());
                INSERT INTO {AnalysisSchema.ReconciliationMark.Table} ({AnalysisSchema.ReconciliationMark.NormalizedThrough}) VALUES (0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TABLE {AnalysisSchema.ReconciliationMark.Table};");
        }
    }
}
