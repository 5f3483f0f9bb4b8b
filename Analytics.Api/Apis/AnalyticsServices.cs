using Analytics.Api.Queries;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>What the analytics endpoints need, bound with [AsParameters].</summary>
public sealed record AnalyticsServices(AnalysisReader Reader, IOptions<AnalyticsOptions> Options, TimeProvider Time);
