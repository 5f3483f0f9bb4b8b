namespace SevenTaps.Contracts;

/// <summary>
/// Who a request is really for. The dashboard calls the APIs with its own key on behalf of signed-in people and
/// names them in this header, so the services can log who did what (the key says only "dashboard-web").
/// </summary>
public static class AuditHeaders
{
    public const string OnBehalfOf = "X-SevenTaps-User";
}
