using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class StoredLessonCatalogueConfiguration : IEntityTypeConfiguration<StoredLessonCatalogue>
{
    public void Configure(EntityTypeBuilder<StoredLessonCatalogue> builder)
    {
        builder.ToTable("lesson_catalogue", table => table.HasCheckConstraint("ck_lesson_catalogue_single_row", $"id = {StoredLessonCatalogue.SingleId}"));
        builder.HasKey(catalogue => catalogue.Id);
        builder.Property(catalogue => catalogue.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(catalogue => catalogue.Document).HasColumnName("document").HasColumnType("jsonb");
        builder.Property(catalogue => catalogue.LoadedAt).HasColumnName("loaded_at");
    }
}
