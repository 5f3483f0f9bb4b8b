using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Services;

/// <summary>
/// Analytics.Api's answers for the dashboards, and its API key administration. The tiles' answers are shared by every
/// view of the process (<see cref="SharedAnswers"/>); the explorer's pages and the administration are not.
/// </summary>
public sealed class AnalyticsClient(HttpClient http, IOptions<DashboardOptions> options, AuthenticationStateProvider authentication, SharedAnswers shared)
    : ApiClient(http, options, authentication)
{
    private const string Prefix = PublicRoutes.Analytics;

    private Task<Timed<T>> SharedAsync<T>(string path, CancellationToken cancellationToken) =>
        shared.GetAsync(path, (version, token) => GetAsync<T>(path, version, token), cancellationToken);

    public Task<Timed<Overview>> OverviewAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<Overview>($"{Prefix}/overview{filter.ToQuery()}", cancellationToken);

    public Task<Timed<PagedList<LessonStats>>> LessonsAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<PagedList<LessonStats>>($"{Prefix}/lessons?pageSize=1000{filter.ToQuery('&')}", cancellationToken);

    /// <summary>The course's lessons in course order, without figures: the lesson pickers' options.</summary>
    public Task<Timed<List<CourseLesson>>> LessonOutlineAsync(CancellationToken cancellationToken) =>
        SharedAsync<List<CourseLesson>>($"{Prefix}/lessons/outline", cancellationToken);

    public Task<Timed<List<DropoffStep>>> DropoffAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<List<DropoffStep>>($"{Prefix}/dropoff{filter.ToQuery()}", cancellationToken);

    public Task<Timed<List<EngagementPoint>>> EngagementAsync(DashboardFilter filter, string interval, bool byCohort, CancellationToken cancellationToken) =>
        SharedAsync<List<EngagementPoint>>($"{Prefix}/engagement?interval={interval}&byCohort={(byCohort ? "true" : "false")}{filter.ToQuery('&')}", cancellationToken);

    public Task<Timed<PagedList<LearnerSummary>>> AtRiskLearnersAsync(DashboardFilter filter, int page, CancellationToken cancellationToken) =>
        SharedAsync<PagedList<LearnerSummary>>($"{Prefix}/learners?sort=-atRisk&pageSize=50&page={page}{filter.ToQuery('&')}", cancellationToken);

    public Task<Timed<LearnerDetail>> LearnerAsync(string userId, CancellationToken cancellationToken) =>
        SharedAsync<LearnerDetail>($"{Prefix}/learners/{Uri.EscapeDataString(userId)}", cancellationToken);

    public Task<Timed<ThemeReport>> ThemesAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<ThemeReport>($"{Prefix}/themes?pageSize=15{filter.ToQuery('&')}", cancellationToken);

    public Task<Timed<PagedList<SentimentGroup>>> SentimentByLessonAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<PagedList<SentimentGroup>>($"{Prefix}/sentiment?groupBy=lesson&pageSize=100{filter.ToQuery('&')}", cancellationToken);

    /// <summary>Sentiment per ISO week (Monday, UTC), oldest first.</summary>
    public Task<Timed<PagedList<SentimentGroup>>> SentimentByWeekAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<PagedList<SentimentGroup>>($"{Prefix}/sentiment?groupBy=week&sort=group&pageSize=1000{filter.ToQuery('&')}", cancellationToken);

    /// <summary>Which learners started and completed which lesson, in at most <paramref name="rows"/> rows (groups of learners when there are more).</summary>
    public Task<Timed<CompletionHeatmap>> CompletionHeatmapAsync(DashboardFilter filter, int rows, CancellationToken cancellationToken) =>
        SharedAsync<CompletionHeatmap>($"{Prefix}/completion?rows={rows}{filter.ToQuery('&')}", cancellationToken);

    public Task<Timed<PagedList<FlaggedResponse>>> FlaggedAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<PagedList<FlaggedResponse>>($"{Prefix}/responses/flagged?pageSize=50{filter.ToQuery('&')}", cancellationToken);

    /// <summary>One page of the explorer: the first (no <paramref name="after"/>) or the one after a page's nextCursor.</summary>
    public Task<Timed<ExplorerPage<ExplorerResponse>>> ExplorerResponsesAsync(ExplorerQuery query, string? after, CancellationToken cancellationToken) =>
        GetAsync<ExplorerPage<ExplorerResponse>>(ExplorerPath(query, after), cancellationToken);

    public Task<Timed<ExplorerPage<ExplorerActivity>>> ExplorerActivitiesAsync(ExplorerQuery query, string? after, CancellationToken cancellationToken) =>
        GetAsync<ExplorerPage<ExplorerActivity>>(ExplorerPath(query, after), cancellationToken);

    /// <summary>The cards of the filter's lesson (every card without one), with their answers in the filter's range and cohort.</summary>
    public Task<Timed<PagedList<QuestionSummary>>> QuestionsAsync(DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<PagedList<QuestionSummary>>($"{Prefix}/questions?pageSize=1000&sort=questionId{filter.ToQuery('&')}", cancellationToken);

    /// <summary>How learners answered one card: its distribution (poll, quiz, rate) or its latest free-text answers.</summary>
    public Task<Timed<QuestionAnswers>> QuestionAnswersAsync(string questionId, DashboardFilter filter, CancellationToken cancellationToken) =>
        SharedAsync<QuestionAnswers>($"{Prefix}/questions/answers?questionId={Uri.EscapeDataString(questionId)}&pageSize=10{(filter with { Lesson = null }).ToQuery('&')}", cancellationToken);

    private static string ExplorerPath(ExplorerQuery query, string? after) =>
        $"{Prefix}/explorer/{query.ApiPath}?{query.ToApiQuery()}&pageSize={query.PageSize}{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}";

    public async Task<IReadOnlyList<ApiKeyInfo>> ApiKeysAsync(CancellationToken cancellationToken) =>
        (await GetAsync<List<ApiKeyInfo>>($"{Prefix}/admin/api-keys", cancellationToken)).Value;

    public async Task<CreatedApiKey> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/admin/api-keys")
        {
            Content = JsonContent.Create(new { name, scopes }),
        }, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKey>(cancellationToken))!;
    }

    public async Task RevokeApiKeyAsync(string prefix, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Prefix}/admin/api-keys/{Uri.EscapeDataString(prefix)}"), cancellationToken);
    }

    /// <summary>The latest audit records of administrative actions, newest first.</summary>
    public async Task<AuditRecordPage> AuditAsync(int limit, CancellationToken cancellationToken) =>
        (await GetAsync<AuditRecordPage>($"{Prefix}/admin/audit?limit={limit}", cancellationToken)).Value;
}

public sealed record ApiKeyInfo(string Prefix, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);
