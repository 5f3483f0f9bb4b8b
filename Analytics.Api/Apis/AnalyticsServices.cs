using Analytics.Api.Caching;
using Analytics.Api.Queries;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>What the analytics endpoints need, bound with [AsParameters].</summary>
public sealed record AnalyticsServices(AnalysisReader Reader, AnswerCache Cache, IOptions<AnalyticsOptions> Options, TimeProvider Time);
