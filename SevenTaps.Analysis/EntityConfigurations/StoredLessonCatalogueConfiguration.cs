using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SevenTaps.Analysis.Model;
using LessonCatalogue = SevenTaps.Analysis.AnalysisSchema.LessonCatalogue;

namespace SevenTaps.Analysis.EntityConfigurations;

internal sealed class StoredLessonCatalogueConfiguration : IEntityTypeConfiguration<StoredLessonCatalogue>
{
    public void Configure(EntityTypeBuilder<StoredLessonCatalogue> builder)
    {
        builder.ToTable(LessonCatalogue.Name, table => table.HasCheckConstraint("ck_lesson_catalogue_single_row", $"{LessonCatalogue.Id} = {StoredLessonCatalogue.SingleId}"));
        builder.HasKey(catalogue => catalogue.Id);
        builder.Property(catalogue => catalogue.Id).HasColumnName(LessonCatalogue.Id).ValueGeneratedNever();
        builder.Property(catalogue => catalogue.Document).HasColumnName(LessonCatalogue.Document).HasColumnType("jsonb");
        builder.Property(catalogue => catalogue.LoadedAt).HasColumnName(LessonCatalogue.LoadedAt);
    }
}
