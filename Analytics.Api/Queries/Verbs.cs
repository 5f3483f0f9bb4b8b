namespace Analytics.Api.Queries;

public static class Verbs
{
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
}
