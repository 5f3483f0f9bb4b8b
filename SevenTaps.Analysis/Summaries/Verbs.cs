namespace SevenTaps.Analysis.Summaries;

/// <summary>The verb ids <c>user_activities.activity_type</c> holds that the summaries' read SQL tests for.</summary>
public static class Verbs
{
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
}
