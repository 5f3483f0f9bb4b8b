using System.Text.Json;
using System.Text.RegularExpressions;
using SevenTaps.Analysis.Description;

namespace Agent.Api.Guard;

/// <summary>
/// Reads the plan PostgreSQL made of a statement (<c>EXPLAIN (VERBOSE, FORMAT JSON)</c>): every node's type, every
/// relation it scans and every function named in its expressions, as the server deparsed them. What the server
/// planned is what would run, so nothing a keyword filter could be fooled by (comments, quoting, casing) matters here.
/// </summary>
public static partial class PlanInspector
{
    /// <summary>Plan nodes that only read and compute. Anything else (ModifyTable, LockRows, Foreign Scan, Custom Scan...) is refused.</summary>
    public static readonly IReadOnlySet<string> AllowedNodeTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Result", "ProjectSet", "Append", "Merge Append", "Recursive Union", "BitmapAnd", "BitmapOr",
        "Nested Loop", "Merge Join", "Hash Join", "Hash", "Seq Scan", "Sample Scan", "Index Scan", "Index Only Scan",
        "Bitmap Index Scan", "Bitmap Heap Scan", "Tid Scan", "Tid Range Scan", "Subquery Scan", "Function Scan", "Table Function Scan",
        "Values Scan", "CTE Scan", "WorkTable Scan", "Materialize", "Memoize", "Sort", "Incremental Sort", "Group", "Aggregate",
        "WindowAgg", "Unique", "SetOp", "Limit", "Gather", "Gather Merge",
    };

    public sealed record Findings(double TotalCost, IReadOnlyList<string> Problems, IReadOnlyList<GuardRefusal> Refusals, IReadOnlySet<string> Functions);

    /// <summary>Refusals for nodes and relations, and the function names to check against the catalogue.</summary>
    public static Findings Inspect(string explainJson)
    {
        using var document = JsonDocument.Parse(explainJson);
        var root = document.RootElement[0];
        var plan = root.GetProperty("Plan");
        var refusals = new List<GuardRefusal>();
        var functions = new HashSet<string>(StringComparer.Ordinal);
        Walk(plan, refusals, functions);
        return new Findings(plan.GetProperty("Total Cost").GetDouble(), [], refusals, functions);
    }

    private static void Walk(JsonElement node, List<GuardRefusal> refusals, HashSet<string> functions)
    {
        var type = node.GetProperty("Node Type").GetString()!;
        if (!AllowedNodeTypes.Contains(type))
        {
            refusals.Add(new(RefusalCodes.PlanNode, $"the plan has a \"{type}\" step; only reading steps are allowed"));
        }
        if (node.TryGetProperty("Relation Name", out var relation))
        {
            var schema = node.TryGetProperty("Schema", out var s) ? s.GetString() : null;
            if (!AnalysisSchemaDescription.IsPublished(schema, relation.GetString()!))
            {
                refusals.Add(new(RefusalCodes.Relation, $"it reads {schema}.{relation.GetString()}, which is not one of the published analysis tables"));
            }
        }
        if (node.TryGetProperty("Function Name", out var function))
        {
            var schema = node.TryGetProperty("Schema", out var s) ? s.GetString() : null;
            functions.Add(schema is null or "pg_catalog" ? function.GetString()! : $"{schema}.{function.GetString()}");
        }
        foreach (var property in node.EnumerateObject())
        {
            if (property.NameEquals("Plans"))
            {
                foreach (var child in property.Value.EnumerateArray())
                {
                    Walk(child, refusals, functions);
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.String)
            {
                CollectFunctionNames(property.Value.GetString()!, functions);
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String))
                {
                    CollectFunctionNames(item.GetString()!, functions);
                }
            }
        }
    }

    /// <summary>
    /// Function names in an expression as PostgreSQL deparses it: a lower-case (or quoted) identifier, optionally
    /// schema-qualified, right before "(". String literals and type casts (<c>::character varying(3)</c>) are removed
    /// first; SQL constructs the deparser writes in capitals (COALESCE, EXTRACT, ANY, ROW...) are not functions.
    /// </summary>
    internal static void CollectFunctionNames(string expression, ISet<string> names)
    {
        var text = StringLiteral().Replace(expression, "''");
        text = TypeCast().Replace(text, "");
        foreach (Match match in FunctionCall().Matches(text))
        {
            var name = match.Groups["name"].Value.Replace("\"", "");
            names.Add(name.StartsWith("pg_catalog.", StringComparison.Ordinal) ? name["pg_catalog.".Length..] : name);
        }
    }

    [GeneratedRegex("'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"::(?:""[^""]*""|[a-z_][a-z0-9_ ]*)(?:\([0-9, ]*\))?(?:\[\])*")]
    private static partial Regex TypeCast();

    [GeneratedRegex(@"(?<name>(?:(?:[a-z_][a-z0-9_$]*|""[^""]+"")\.)?(?:[a-z_][a-z0-9_$]*|""[^""]+""))\s*\(")]
    private static partial Regex FunctionCall();
}
