using Analytics.Api.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Analytics.Tests;

public sealed class AnswerCacheKeyTests
{
    [Fact]
    public void The_key_ignores_parameter_order_name_case_and_format_but_not_values_endpoint_or_version()
    {
        var key = AnswerCache.Key(7, "learners", Query(("sort", "-atRisk"), ("page", "2")));

        Assert.Equal(key, AnswerCache.Key(7, "learners", Query(("page", "2"), ("Sort", "-atRisk"), ("format", "csv"))));
        Assert.NotEqual(key, AnswerCache.Key(7, "learners", Query(("sort", "-atRisk"), ("page", "3"))));
        Assert.NotEqual(key, AnswerCache.Key(7, "questions", Query(("sort", "-atRisk"), ("page", "2"))));
        Assert.NotEqual(key, AnswerCache.Key(8, "learners", Query(("sort", "-atRisk"), ("page", "2"))));
        Assert.StartsWith($"{SevenTaps.Contracts.AnalyticsCache.AnswerKeyPrefix}7:", key);
    }

    private static QueryCollection Query(params (string Name, string Value)[] parameters) =>
        new(parameters.ToDictionary(parameter => parameter.Name, parameter => new StringValues(parameter.Value)));
}
