using System.Globalization;
using System.Text.RegularExpressions;

namespace Agent.Api.Engine.Offline;

/// <summary>
/// The offline engine's parser for this domain: measures, lessons by number, ordinal, name or fragment, cohorts,
/// dates in words, rankings, comparisons and free-text search, with typos within one or two letters of a known word
/// corrected. Whatever it cannot place makes it decline, naming the word, rather than guess.
/// </summary>
public sealed partial class QuestionParser(CourseCatalog catalog, DateTimeOffset now)
{
    private readonly List<string> _assumptions = [];

    /// <summary>Measures in the order they win when several words appear ("how many learners completed" is Completed).</summary>
    private static readonly (Measure Measure, Regex Pattern)[] MeasureRules =
    [
        (Measure.Flagged, Rx(@"\bflag(s|ged|ging)?\b(?!\s+(?:any\s+|all\s+|the\s+)?(?:learners?|users?|people|students?|participants?)\b)|\bred\s*-?\s*flags?\b|\bwatch\s*-?\s*list\b|\bsafeguarding\b|\bmoderation\b|\b(alarming|worrying|troubling)\b|\bconcerning\s+(answers?|responses?|replies|reflections?|comments?|words|language|content|ones)\b|\b(are|is|look|looks|seem|seems|sound|sounds)\s+concerning\b|\bconcerning\s*$|\b(need|needs|needing)\s+(attention|follow\s*-?\s*up)\b")),
        (Measure.TrendingThemes, Rx(@"\btrending\b|\bnew\s+(?:themes?|topics?|phrases?|keywords?)\b|\b(?:themes?|topics?|phrases?|keywords?)\b.*\b(?:rising|growing|gaining|on\s+the\s+rise|trending)\b|\b(?:rising|growing)\s+(?:themes?|topics?|phrases?)\b")),
        (Measure.Themes, Rx(@"\b(?:(?:main|key|common|recurring|frequent|popular|major|dominant|big|biggest|top)\s+)?(?:themes?|topics?)\b|\bkey\s*-?\s*phrases?\b|\bkeyphrases?\b|\bkeywords?\b|\bword\s+cloud\b|\b(?:recurring|common|frequent)\s+(?:ideas?|phrases?|words?)\b|\b(?:come|comes|coming|came|crop|crops|cropping|show|shows|showing|turn|turns|turning|bring|brings|bringing|brought|raise|raises|raised|raising)\s+up\b|\b(?:keep|keeps)\s+(?:coming|going)\s+back\s+to\b|\bsubjects\b|\bemerg\w*|\b(?:writing|talking|saying|write|talk|say)\s+about(?:\s+(?:the\s+)?most(?:ly)?)?(?=\s+(?:in|on)\s|\s*$)")),
        (Measure.CardAnswers, Rx(@"\bdistribut(?:ion|ed)\b|\bvot(e|es|ed|ing)\b|\b(chose|choose|chooses|choosing|choices?)\b|\bpick(s|ed)?\b|\boptions?\b|\bhow\s+did\s+(?:\w+\s+)?(?:answer|respond|reply|vote)\b|\bbreakdown\s+of\s+(?:the\s+)?(?:answers|responses|votes|choices)\b|\b(?:answers?|responses?|votes?)\s+(?:breakdown|split|splits|distribution)\b|\bhow\s+(?:the\s+)?(?:answers?|responses?|votes?)\s+split\b")),
        // Before drop-off: "at risk of dropping out", "likely to quit" are about learners who have not stopped yet.
        (Measure.AtRisk, Rx(@"\bat\s*-?\s*risk\b|\bstruggl\w*(?!\s+(?:\w+\s+)?to\s+(?:finish|complet))|\bproblematic\b|\bslipp(?:ing|ed)\s+away\b|\bg(?:o|one|oing|ne)\s+(?:quiet|silent)\b|\b(?:may|might|won'?t|will)\s+(?:not\s+)?(?:ever\s+)?come\s+back\b|\bfalling\s+behind\b|\bdisengag\w*|\blos(?:e|es|ing|t)\s+(?:interest|motivation)\b|\binactive\b|\bneed(s)?\s+help\b|\b(?:likely|about|going|set|close)\s+to\s+(?:quit|drop\s*-?\s*(?:out|off)|stop|leave|abandon|give\s+up|disengage)\w*|\b(?:might|could)\s+(?:be\s+)?(?:about\s+to\s+)?(?:quit|drop\s*-?\s*(?:out|off)|stop|leave|abandon|give\s+up)\w*|\bin\s+danger\s+of\s+(?:losing|quitting|dropping\s+out|leaving|stopping)\b|\b(?:worried|concerned)\s+about\b")),
        (Measure.Dropoff, Rx(@"\b(attrition|remain(?:s|ing)?|retention|fall(?:s|ing)?(?:\s+(?:off|away))?|drop\s*-?\s*offs?|dropoffs?|drop(ping|ped)?\s*out|dropouts?|stopped|stop(ping)?|quit(ting)?|g[ai]ve\s+up|funnel|los(e|es|ing|t)|abandon\w*|churn\w*|furthest)\b")),
        (Measure.CompletionRate, Rx(@"\b(completion|complete|finish|finishing)\s+rates?\b|\brates?\s+of\s+(completion|finishing)\b|(?:\b(?:percent(?:age)?|share|proportion|fraction)|%)\s+(of\s+\w+\s+)?(who\s+|that\s+)?(complet|finish)\w*|\b(?:completion|finish)\s*(?:%|percent(?:ages?)?\b|ratios?\b)|\blikely\s+to\s+(?:be\s+)?(?:complet|finish)\w*|(?:\b(?:percent(?:age)?|share|proportion|fraction)\b|%).*\b(?:complet|finish)\w*|\b(?:complet|finish)\w*\b.*\bproportional(?:ly)?\b|\bhow\s+well\b.*\b(?:complet|finish)\w*|\b(?:complet|finish)\w*\b.*\b(?:percentage|percent|proportion|ratio)\b")),
        (Measure.TimeToComplete, Rx(@"\btime\s+to\s+(complete|finish|completion)\b|\bhow\s+long\b(?!\s+(?:is|are|was)\s+(?:the|this|our)\s+(?:course|programme|program)\b)|\bhow\s+much\s+time\b|\b(?:typical|average|median|mean|usual)\s+time\b|\bminutes\b|\bduration\b|\btakes?\s+to\s+(complete|finish)\b|\btime\s+taken\b|\btaken\s+to\s+(?:complete|finish)\b|\bhow\s+(?:quickly|fast)\b|\bcompletion\s+times?\b")),
        (Measure.Sentiment, Rx(@"\bsentiment\b|\bmood\b|\btone\b|\bfeel(ing|ings)?\b|\bpositiv\w*|\bnegativ\w*|\bhappy\b|\bupset\b|\bupbeat\b|\bcheerful\b|\bgloomy\b|\boptimis\w*|\bpessimis\w*")),
        (Measure.QuestionAnswers, Rx(@"\b(answers?|responses?|replies|answered|responded|correct|right)\b.*(?<!\b(?:across|over)\s+)\b(per|each|every|by)\s+(question|card|quiz|poll)\b|\b(quiz|poll)\s+(results?|scores?|answers?|responses?)\b|\bcorrect(ly)?\b|\bright\s+answers?\b|\b(questions?|cards?)\s+(answers?|responses?)\b")),
        // Activities counted, not activity over time: "how many activities were logged", "how much activity data".
        (Measure.Statements, Rx(@"\bactivities\b|\bactivity\s+(?:data|records?|logs?)\b|\btracking\s+(?:data|records?|events?)\b|\bhow\s+much\s+activity\b")),
        (Measure.Engagement, Rx(@"\bengag\w*|\bactive\b|\bonline\b|\bactivity\b|\bdaily\b|\bweekly\b|\b(per|by|each|every)\s+(day|week)\b|\btrend\w*|\bover\s+time\b|\bbusiest\b|\bpeak\b")),
        (Measure.Completed, Rx(@"\bcomplet\w*|\bfinish\w*|\bdone\b|\b(?:got|get|gets|getting)\s+through\b|\bmade\s+it\s+(?:all\s+the\s+way\s+)?(?:to\s+the\s+end|through)\b|\bto\s+the\s+end\b|\breach(?:ed|es)?\s+the\s+end\b")),
        (Measure.Started, Rx(@"\bstart\w*|\bbeg[au]n\b|\breach(?!\w*\s+out\b)\w*|\bopen(?!\s*-?\s*(?:text|ended))\w*|\btook\b|\btried\b|\battempt\w*|\bentered\b|\bha(?:d|ve|s)\s+a\s+go\b|\bkick(?:ed|s)?\s+off\b|\bpopular\b|\bg(?:o|ot|et|ets|etting)\s+(?:into|going)\b")),
        (Measure.FreeTextAnswers, Rx(@"\b(free\s*-?\s*text|open\s*-?\s*text|written|open\s*-?\s*ended|reflections?|own\s+words)\b")),
        (Measure.LessonAnswers, Rx(@"\b(answers?|responses?|replies|reply|answered|responded|submissions?)\b")),
        (Measure.LessonCount, Rx(@"\b(how\s+many|number\s+of|count\s+of)\s+lessons\b|\blessons\s+(are\s+)?there\b|\btotal\s+(?:number\s+of\s+)?lessons\b|\blessons\s+in\s+total\b|\blessons?\s+count\b|\bcount\s+(?:(?:all\s+)?the\s+|all\s+)?lessons\b")),
        (Measure.Statements, Rx(@"\bstatements?\b|\bevents?\b|\bxapi\b|\binteractions?\b|\brecords\b")),
        (Measure.Learners, Rx(@"\b(how\s+many|number\s+of|count\s+of|total)\s+(?:(?:distinct|unique|different|individual)\s+)?(learners?|users?|people|ppl|students?|participants?|folks)\b|\bhead\s*-?\s*counts?\b|\b(learners?|users?|people|students?|participants?|folks)\s+(are\s+)?there\b|\b(?:learners?|users?|students?|participants?)\s+(?:count|counts|numbers?|total)\b|\benroll\w*|\bsigned\s+up\b|\bhow\s+(?:big|large)\s+is\s+(?:our|the|this)\s+(?:audience|learner\s+base|user\s+base)\b|\baudience\s+size\b|\bsize\s+of\s+(?:our|the)\s+audience\b")),
        (Measure.Overview, Rx(@"\boverview\b|\bsummar\w+|\bkpis?\b|\bat\s+a\s+glance\b|\bhow\s+(is|are)\s+(the\s+course|we|things)\s+(doing|going)\b|\bdashboard\b")),
    ];

    public ParseResult Parse(string message, Intent? previous)
    {
        var learner = ExtractLearner(ref message);
        var text = Normalize(MarkSentences(Rx(@"(?i)\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to)\b[^,.;:?!]*").Replace(message, " ")));
        if (text.Length == 0 && learner is null)
        {
            return ParseResult.Declined("the message is empty");
        }
        text = Rx(@"\bdata\s+sets?\b").Replace(text, "dataset");
        // Shorthand for active users, and "on the subject of sleep": what is said about it.
        text = Rx(@"\b(?<i>d|w)au\b").Replace(text, m => m.Groups["i"].Value == "d" ? "daily active learners" : "weekly active learners");
        text = CorrectTypos(Rx(@"\b(?:on|about)\s+the\s+(?:subject|topic|matter)s?\s+of\b").Replace(text, "about"));
        // How a figure changed over a period describes it ("change from week to week"); any other change is a write.
        text = Rx(@"\bchang(?:e|es|ed|ing)\s+(?=(?:from|over|across|between|during|since|week|day|month)\b)").Replace(text, " ");

        string? search = null;
        // Words searched for; words that are all the parser's own ("talking about most") are no search, and the
        // parser's words after the searched ones ("sleep specifically") are not searched for.
        if (SearchPattern().Match(text) is { Success: true } found && !Tokens(found.Groups["terms"].Value).All(Vocabulary.Filler.Contains))
        {
            search = TrimFiller(found.Groups["terms"].Value.Trim());
            // What the search is in ("search lesson 2 reflections for sleep") stays in the question.
            text = text.Remove(found.Index, found.Length).Insert(found.Index, $" {found.Groups["scope"].Value} ");
        }

        // "Across all cohorts" is everyone, not a comparison of cohorts; answers "across polls, quizzes and
        // reflections" are the answers of every kind of card named, not one kind.
        text = Rx(@"\b(?:across|in|over|from|for)\s+(?:all|every|each)\s+(?:(?:the|our)\s+)?cohorts?\b|\ball\s+cohorts\s+(?:combined|together)\b").Replace(text, " ");
        if (Rx(@"\b(?:across|over|to|on|for|in)\s+(?:all\s+)?(?:(?:the|our)\s+)?(?:polls|quizzes|reflections|ratings|prompts|cards)(?:\s+(?:and\s+|or\s+|&\s+)?(?:polls|quizzes|reflections|ratings|prompts|cards)){2,}(?:\s+(?:combined|together|alike))?\b") is var kinds && kinds.IsMatch(text))
        {
            text = kinds.Replace(text, " ");
            _assumptions.Add("answers across three or more kinds of cards are read as every answer, of every kind of card");
        }

        var cohorts = ExtractCohorts(ref text, out var cohortProblem);
        if (cohortProblem is not null)
        {
            return ParseResult.Declined(cohortProblem);
        }
        var cohort = cohorts is [var single] ? single : null;
        var range = ExtractRange(ref text, out var rangeProblem);
        if (rangeProblem is not null)
        {
            return ParseResult.Declined(rangeProblem);
        }
        var lessons = ExtractLessons(ref text, out var lessonProblem);
        if (lessonProblem is not null)
        {
            return ParseResult.Declined(lessonProblem);
        }
        var cardMention = ExtractCard(ref text);
        var cardType = cardMention is null ? ExtractCardTypes(ref text) : null;
        var (top, ascending) = ExtractRanking(ref text);
        var byCohort = cohorts.Count > 1;
        if (Rx(@"\bcohorts\b|\b(?:by|per|each|every|between|across|among|which|what|compare|comparing)\s+cohort\b|\bcohort\s+(?:comparison|breakdown)\b") is var grouping && grouping.IsMatch(text))
        {
            byCohort = true;
            text = grouping.Replace(text, m => m.Value.StartsWith("cohort", StringComparison.Ordinal) ? " " : Rx(@"\bcohorts?\b").Replace(m.Value, " "));
        }
        // Why it is asked, said after the question ("so I can nudge them", "...? I want to send them a reminder"): context.
        var purpose = "";
        if (PurposeClause().Match(text) is { Success: true } why)
        {
            purpose = Measures(why.Value).Remainder;
            text = text[..why.Index].TrimEnd(' ', ':');
        }
        // A question after words that explain why it is asked: its measure and interval are the question's.
        var (detected, matched, rest, preamble, question) = DetectMeasures(text);
        string? interval = null;
        if (Rx(@"\b(daily|(?:per|by|each|every)\s+(?:day|date)|day\s*-?\s*(?:by|on|to)\s*-?\s*day)\b").IsMatch(question))
        {
            interval = "day";
        }
        else if (Rx(@"\b(weekly|per\s+week|by\s+week|each\s+week|every\s+week|week\s*-?\s*(?:by|on|to)\s*-?\s*week)\b").IsMatch(question))
        {
            interval = "week";
        }
        // "Which day had the most active learners", "the busiest day", "our peak week": days (weeks) ranked by activity.
        var rankedPeriod = Rx(@"\b(?:which|what|the|our|a)\s+(?:(?:busiest|peak|quietest)\s+)?(?<p>day|date|week)s?\b|\b(?:busiest|peak|quietest)\s+(?<p>day|date|week)\b|\b(?:one|particular|single)\s+(?<p>day|date|week)\b|^\s*(?<p>day|date|week)\s+(?:with|that|when)\b|\bbusiest\b|\bpeak\b").Match(text);

        Measure? measure = search is { Length: > 0 } ? Measure.Search : detected;
        // "Which lesson do learners most often fail to finish": the completion rate, ranked the other way round.
        if (NegatedCompletion().IsMatch(text) && measure is Measure.Completed or Measure.CompletionRate or Measure.Dropoff or Measure.AtRisk)
        {
            measure = Measure.CompletionRate;
            ascending = !ascending;
            rest = Rx(@"\bfail(?:s|ed|ing)?\b|\bnever\b|\bstruggl\w*|\babandon\w*").Replace(rest, " ");
        }
        // Drop-off is a loss: its "worst" lesson is where the most stopped.
        if (measure == Measure.Dropoff && Rx(@"\b(?:worst|poorest|weakest)\b").IsMatch(text))
        {
            ascending = false;
        }
        if (rankedPeriod.Success && (top is not null || Rx(@"\b(busiest|peak|quietest|maximum|max)\b").IsMatch(text)) && measure is null or Measure.Engagement or Measure.Learners or Measure.Statements)
        {
            measure = Measure.Engagement;
            interval = rankedPeriod.Groups["p"].Value == "week" ? "week" : "day";
            top ??= 1;
            ascending = ascending || text.Contains("quietest", StringComparison.Ordinal);
            _assumptions.Add($"{interval}s ranked by active learners (then statements)");
        }
        else if (interval is not null && measure is Measure.Learners or Measure.Statements)
        {
            // "How many people used the course each day": learners (and statements) per day are engagement.
            measure = Measure.Engagement;
        }
        // Themes or flagged answers among answers about some words: the words narrow them ("themes in answers about sleep").
        if (measure == Measure.Search && matched.FirstOrDefault(m => m is Measure.Themes or Measure.Flagged) is var narrowed and (Measure.Themes or Measure.Flagged))
        {
            measure = narrowed;
        }

        // "What about 5?", "and 5?" after a question about a lesson: lesson 5.
        if (measure is null && lessons.Count == 0 && previous is { Lessons.Count: > 0 }
            && Rx(@"^(?:(?:and|so|ok|okay)\s+)?(?:(?:what|how)\s+about|same\s+for|now|also|then)?\s*(?:for\s+)?(?<n>\d{1,3})$").Match(rest.Trim()) is { Success: true } bare)
        {
            var place = int.Parse(bare.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (place < 1 || place > catalog.Lessons.Count)
            {
                return ParseResult.Declined($"the course has lessons 1 to {catalog.Lessons.Count}; there is no lesson {place}");
            }
            lessons = [place];
            rest = " ";
            _assumptions.Add($"lesson {place} is \"{catalog.Lessons[place - 1].Name}\" ({Ordinal(place)} in the course order), the number read as a lesson as in the previous question");
        }
        var unknown = Tokens(rest).Where(token => !Vocabulary.Filler.Contains(token) && !IsLessonWord(token) && !IsNumber(token))
            .Concat(Tokens(preamble + " " + purpose).Where(token => !Vocabulary.Filler.Contains(token) && !Vocabulary.Context.Contains(token) && !IsLessonWord(token) && !IsNumber(token)))
            .Distinct().ToList();
        if (unknown.FirstOrDefault(Vocabulary.Writes.Contains) is { } write)
        {
            return ParseResult.Declined($"\"{write}\" asks to change data; I only read the course's data and answer questions about it");
        }
        if (unknown.Count > 0)
        {
            return ParseResult.Declined($"I did not understand \"{string.Join("\", \"", unknown)}\" here");
        }

        // The new measures answer about all answers in scope: a second measure that would narrow them to some
        // learners or answers ("themes of the negative answers", "cards answered by learners who completed") is not
        // silently dropped.
        if (Narrowing(measure, learner is not null, byCohort, cardMention is not null, matched) is { } narrowing)
        {
            return ParseResult.Declined($"I can't narrow {narrowing.What} by {Describe(narrowing.By)} yet; ask about them for all learners, or ask about {Describe(narrowing.By)} on its own");
        }

        if (learner is not null)
        {
            // One learner: their summary, which holds their lessons, statements, answers and completions.
            if (measure is not (null or Measure.Overview or Measure.Learners or Measure.Statements or Measure.LessonCount or Measure.Answers
                or Measure.FreeTextAnswers or Measure.Started or Measure.Completed or Measure.LessonAnswers or Measure.Engagement or Measure.QuestionAnswers))
            {
                return ParseResult.Declined($"about one learner I give their summary (lessons started and completed, statements, answers), not their {Describe(measure.Value)}; ask \"summarise learner {learner}\"");
            }
            if (byCohort || cardMention is not null || search is not null)
            {
                return ParseResult.Declined("about one learner I give their summary only, without cohorts, cards or searched words");
            }
            return Accept(new Intent(Measure.LearnerSummary, lessons, cohort, range, null, false, null, null, Learner: learner));
        }

        if (measure == Measure.Learners && top is not null && Rx(@"\blessons\b").IsMatch(text))
        {
            // "The top 3 lessons by number of learners": lessons ranked by the learners who started them.
            measure = Measure.Started;
        }
        if (measure is null && !byCohort && cardMention is null && cardType is null)
        {
            // A follow-up: the previous question with what this message changes (a lesson, a cohort, a period, a ranking).
            if (previous is not null && (lessons.Count > 0 || cohort is not null || range is not null || top is not null || interval is not null))
            {
                _assumptions.Add("a follow-up to the previous question");
                var lessonsNow = lessons.Count > 0 ? lessons : previous.Lessons;
                var card = previous.Card;
                var measureNow = previous.Measure;
                if (card is not null && lessons.Count > 0)
                {
                    // The same card place in the other lesson ("how did learners answer card 2 of lesson 1?" ... "and lesson 3?").
                    if (lessonsNow is not [var other] || catalog.Cards.FirstOrDefault(c => c.Lesson == other && c.Place == card.Place) is not { } moved)
                    {
                        return ParseResult.Declined($"lesson {string.Join(" and ", lessonsNow)} has no card {card.Place}");
                    }
                    card = moved;
                    _assumptions.Add(DescribeCard(card));
                    // Another card may take other answers: choices have a distribution, words have themes.
                    measureNow = previous.Measure == Measure.Flagged ? Measure.Flagged : card.IsFreeText ? Measure.Themes : Measure.CardAnswers;
                }
                if (previous.ByCohort && cohort is not null)
                {
                    // "only cohort B" after a comparison: that cohort's row.
                    return Accept(previous with
                    {
                        Lessons = lessonsNow, Cohorts = [cohort], Range = range ?? previous.Range, Top = top ?? previous.Top,
                        Ascending = top is not null ? ascending : previous.Ascending,
                    });
                }
                return Accept(previous with
                {
                    Measure = measureNow,
                    Lessons = lessonsNow,
                    Cohort = cohort ?? previous.Cohort,
                    Range = range ?? previous.Range,
                    Top = top ?? previous.Top,
                    Ascending = top is not null ? ascending : previous.Ascending,
                    Interval = interval ?? previous.Interval,
                    Card = card,
                });
            }
            if (lessons.Count >= 2)
            {
                _assumptions.Add("no measure named: the lessons are compared by the learners who started and completed them and the completion rate");
                return Accept(new Intent(Measure.CompletionRate, lessons, cohort, range, top, ascending, null, null));
            }
            if (top is not null && Rx(@"\blessons?\b").IsMatch(text))
            {
                _assumptions.Add("no measure named: lessons are ranked by the learners who started them");
                return Accept(new Intent(Measure.Started, lessons, cohort, range, top, ascending, null, null));
            }
            return ParseResult.Declined("I could not tell what to measure");
        }

        if (byCohort)
        {
            return Cohorts(measure, text, lessons, cohorts, range, top, ascending, interval, cardMention, search);
        }

        if (cardMention is not null)
        {
            // "and card 3?" after flagged answers to a card: flagged answers to that card.
            var asked = measure ?? (previous is { Card: not null, Measure: Measure.Flagged } ? Measure.Flagged : null);
            return Card(asked, cardMention, lessons, cohort, range, top, ascending, search, previous);
        }

        if (measure == Measure.LessonAnswers && lessons.Count == 0 && top is null)
        {
            measure = Measure.Answers;
        }
        if (measure == Measure.QuestionAnswers && lessons.Count == 0 && cardType is null
            && !Rx(@"\b(?:per|each|every|by)\s+(?:question|card|quiz|poll)\b|\bcorrect|\bright\b|\b(?:quiz|poll)\b").IsMatch(text))
        {
            // "The number of card responses": answers to cards, all of them, not answers per card.
            measure = Measure.Answers;
        }
        if (measure == Measure.QuestionAnswers && lessons.Count == 0)
        {
            return ParseResult.Declined("I answer questions about cards one lesson at a time: which lesson do you mean?");
        }
        if (measure == Measure.CardAnswers || (cardType is not null && measure is null or Measure.LessonAnswers or Measure.Answers or Measure.QuestionAnswers))
        {
            return lessons is [var place] ? LessonCards(place, cardType, cohort, range) : ParseResult.Declined(WhichCard(lessons));
        }
        if (measure == Measure.TrendingThemes)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (range is null)
            {
                range = Days(today.AddDays(-6), today.AddDays(1), $"the last 7 days to {today:yyyy-MM-dd}");
                _assumptions.Add($"period: {range.Description}, by statement time, end exclusive");
            }
            _assumptions.Add(TrendingAssumption(range));
            return Accept(new Intent(measure.Value, lessons, cohort, range, top, false, null, null, NewOnly: Rx(@"\bnew\b").IsMatch(text)));
        }
        if (measure is Measure.Themes or Measure.Flagged)
        {
            _assumptions.Add(measure == Measure.Themes ? ThemesAssumption : FlaggedAssumption);
        }
        return Accept(new Intent(measure!.Value, lessons, cohort, range, top, ascending, interval, search));
    }

    /// <summary>
    /// The measures a question names, in rule order, and what is left of it once their words are taken out. Words that
    /// explain why someone asks may come first, up to a sentence end, a colon, "(so) could you", "I need (to know)",
    /// "I'd like to see"...: the measures are read from the question after the latest such point that names one, and
    /// the explanation's words ("reviewing engagement", "for my weekly report") are context (<c>Preamble</c>, left of
    /// them once measure words are taken out, may hold <see cref="Vocabulary.Context"/> words) and its measures are
    /// among <c>Matched</c>, so one that would narrow the answer is not dropped. When no question after
    /// such a point names a measure, the explanation may name it ("anyone who seems to be losing interest: who should I
    /// reach out to?"); the words before the last such point are context all the same. <c>Asked</c> is the question
    /// the measure was read from.
    /// </summary>
    private static (Measure? Measure, List<Measure> Matched, string Remainder, string Preamble, string Asked) DetectMeasures(string text)
    {
        var ends = PreambleEnds().Matches(text).Select(match => match.Index + match.Length).Where(end => end < text.Length).ToList();
        foreach (var end in Enumerable.Reverse(ends))
        {
            var (measure, matched, rest) = Measures(text[end..]);
            if (measure is not null)
            {
                // The explanation's measures still count as narrowing ones ("negative answers: what themes come up?").
                var (_, explained, preamble) = Measures(text[..end]);
                return (measure, [.. matched, .. explained], rest, preamble, text[end..]);
            }
        }
        if (ends.Count == 0)
        {
            var (all, allMatched, allRest) = Measures(text);
            return (all, allMatched, allRest, "", text);
        }
        var (context, contextMatched, contextRest) = Measures(text[..ends[^1]]);
        return (context, contextMatched, Measures(text[ends[^1]..]).Remainder, contextRest, text);
    }

    private static (Measure? Measure, List<Measure> Matched, string Remainder) Measures(string text)
    {
        Measure? measure = null;
        var matched = new List<Measure>();
        foreach (var (candidate, pattern) in MeasureRules)
        {
            if (pattern.IsMatch(text))
            {
                measure ??= candidate;
                matched.Add(candidate);
                text = pattern.Replace(text, " ");
            }
        }
        return (measure, matched, text);
    }

    /// <summary>Measures that only name what is counted (answers, free-text answers, cards), never a narrower population.</summary>
    private static readonly HashSet<Measure> Naming =
        [Measure.Answers, Measure.LessonAnswers, Measure.FreeTextAnswers, Measure.QuestionAnswers, Measure.Search, Measure.Overview];

    /// <summary>A second measure the question names that the answer to the first would ignore, for the measures added with cards, cohorts and learners.</summary>
    private static (string What, Measure By)? Narrowing(Measure? measure, bool learner, bool byCohort, bool card, List<Measure> matched)
    {
        var others = matched.Where(m => m != measure && !Naming.Contains(m)).ToList();
        if (others.Count == 0)
        {
            return null;
        }
        if (learner)
        {
            // A learner's summary holds their lessons, statements, answers and completions.
            Measure[] covered = [Measure.Learners, Measure.Statements, Measure.LessonCount, Measure.Started, Measure.Completed, Measure.Engagement];
            return others.Where(m => !covered.Contains(m)).Cast<Measure?>().FirstOrDefault() is { } notCovered ? ("one learner's summary", notCovered) : null;
        }
        if (byCohort)
        {
            // A comparison shows every figure cohorts are compared by.
            return others.Where(m => !VerifiedQueries.ComparesCohorts(m)).Cast<Measure?>().FirstOrDefault() is { } notCompared ? ("a cohort comparison", notCompared) : null;
        }
        // Flagged answers and a card's answers name their learners (the rows, the card's learner count).
        others.RemoveAll(m => m == Measure.Learners && (card || measure is Measure.Flagged or Measure.CardAnswers));
        if (others.Count == 0)
        {
            return null;
        }
        return measure switch
        {
            Measure.Themes => ("themes", others[0]),
            Measure.Flagged => ("flagged answers", others[0]),
            _ when card || measure == Measure.CardAnswers => ("one card's answers", others[0]),
            _ => null,
        };
    }

    internal const string ThemesAssumption =
        "themes are the keyphrases of the free-text answers as the dashboard's Themes ranks them (TF-IDF of 1-3 word phrases times their focus on particular cards), " +
        "read from the newest 2,000 answers at most";

    private static string TrendingAssumption(DateRange range)
    {
        var previousFrom = range.From - (range.To - range.From);
        return $"trending: the phrases of the period's newest {VerifiedQueries.ThemeSampleSize:N0} free-text answers at most against those of the period before it, " +
               $"{previousFrom:yyyy-MM-dd} to {range.From.AddDays(-1):yyyy-MM-dd} (as long), ranked by how many more answers contain them, as the dashboard's trending themes compare them";
    }

    internal const string FlaggedAssumption =
        "flagged: a free-text answer containing a term of the watch list configured for analytics (Analytics:WatchList; by default hopelessness, self-harm, crisis...) as whole words, as the dashboard's flagged answers decide it";

    /// <summary>A comparison of cohorts by a measure: the cohorts named (two or more), or all.</summary>
    private ParseResult Cohorts(
        Measure? asked, string text, List<int> lessons, List<string> cohorts, DateRange? range, int? top, bool ascending, string? interval, string? card, string? search)
    {
        // "Compare cohorts", "which cohort is most active": engagement; "which cohort is biggest": its learners.
        var measure = asked ?? (Rx(@"\b(biggest|largest|smallest|size|sizes)\b|\b(most|fewest|least|more|fewer)\s+(learners|users|people|students|participants)\b").IsMatch(text)
            ? Measure.Learners
            : Measure.Engagement);
        if (!VerifiedQueries.ComparesCohorts(measure) || card is not null || search is not null)
        {
            return ParseResult.Declined(
                "I compare cohorts by their learners, activity (statements, statements per learner), answers and lessons started and completed; " +
                $"not by {(card is not null ? "one card" : search is not null ? "searched words" : Describe(measure))}");
        }
        if (interval is not null)
        {
            return ParseResult.Declined("I compare cohorts over the whole period (or the one you name), not day by day or week by week");
        }
        if (catalog.Cohorts.Count == 0)
        {
            return ParseResult.Declined("there are no cohorts in the data yet");
        }
        var column = VerifiedQueries.CohortRankColumn(measure);
        _assumptions.Add(column == "statements_per_learner"
            ? "engagement of a cohort: its statements per learner (cohorts differ in size), with its active learners, answers and lessons completed alongside"
            : $"cohorts compared by {column.Replace('_', ' ')}");
        if (cohorts.Count <= 1)
        {
            _assumptions.Add($"cohorts: {string.Join(", ", catalog.Cohorts.Select(c => $"{c.Letter} (week of {c.Week:yyyy-MM-dd}, {c.Learners} learners)"))}");
        }
        return Accept(new Intent(measure, lessons, null, range, top, ascending, null, null, ByCohort: true, Cohorts: cohorts.Count > 1 ? cohorts : null));
    }

    /// <summary>A question about one card: how learners answered it, its themes or its flagged answers.</summary>
    private ParseResult Card(
        Measure? measure, string mention, List<int> lessons, string? cohort, DateRange? range, int? top, bool ascending, string? search, Intent? previous)
    {
        if (measure is not (null or Measure.CardAnswers or Measure.LessonAnswers or Measure.Answers or Measure.QuestionAnswers or Measure.Themes or Measure.Flagged or Measure.FreeTextAnswers))
        {
            return ParseResult.Declined($"about one card I say how learners answered it, its themes and its flagged answers, not its {Describe(measure!.Value)}");
        }
        if (lessons.Count == 0 && previous is { Lessons: [var earlier] })
        {
            lessons = [earlier];
            _assumptions.Add($"lesson {earlier}, as in the previous question");
        }
        if (lessons is not [var place])
        {
            return ParseResult.Declined(lessons.Count == 0 ? $"which lesson is {mention} in? Name it, e.g. \"{mention} of lesson 1\"" : "I look at one card of one lesson at a time");
        }
        var cards = catalog.Cards.Where(c => c.Lesson == place).ToList();
        var type = Rx(@"^(?<t>poll|quiz|rate|form)(?::(?<n>\d+))?$").Match(mention);
        CatalogCard? card;
        if (type.Success)
        {
            var ofType = cards.Where(c => c.Type == type.Groups["t"].Value).ToList();
            var name = TypeName(type.Groups["t"].Value);
            if (type.Groups["n"].Success)
            {
                var n = int.Parse(type.Groups["n"].Value, CultureInfo.InvariantCulture);
                card = n == 0 ? ofType.LastOrDefault() : ofType.ElementAtOrDefault(n - 1);
                if (card is null)
                {
                    return ParseResult.Declined($"lesson {place} has {Count(ofType.Count, name)}; there is no {(n == 0 ? "last" : Ordinal(n))} {name}");
                }
            }
            else if (ofType is [var only])
            {
                card = only;
            }
            else
            {
                return ParseResult.Declined(ofType.Count == 0
                    ? $"lesson {place} has no {name}"
                    : $"lesson {place} has {Count(ofType.Count, name)} (cards {string.Join(", ", ofType.Select(c => c.Place))}): which one? e.g. \"card {ofType[0].Place} of lesson {place}\"");
            }
        }
        else
        {
            var n = int.Parse(mention, CultureInfo.InvariantCulture);
            card = n == 0 ? cards.LastOrDefault() : cards.FirstOrDefault(c => c.Place == n);
            if (card is null)
            {
                return ParseResult.Declined(cards.Count == 0
                    ? $"no card of lesson {place} has been answered yet"
                    : $"lesson {place} has cards 1 to {cards.Count} (in the order learners first answered them); there is no card {n}");
            }
        }
        _assumptions.Add(DescribeCard(card));

        var resolved = measure switch
        {
            Measure.Themes or Measure.Flagged => measure.Value,
            _ when card.IsFreeText => Measure.Themes,
            _ => Measure.CardAnswers,
        };
        if (resolved == Measure.Themes)
        {
            if (!card.IsFreeText)
            {
                return ParseResult.Declined($"card {card.Place} of lesson {place} is a {TypeName(card.Type)}: its answers are choices, not words with themes; ask \"how did learners answer card {card.Place} of lesson {place}?\"");
            }
            _assumptions.Add(measure == Measure.Themes ? ThemesAssumption : $"card {card.Place} takes free-text answers: how learners answered it is summed up by their themes. {ThemesAssumption}");
        }
        else if (resolved == Measure.Flagged)
        {
            _assumptions.Add(FlaggedAssumption);
        }
        else if (card.HasChoices)
        {
            _assumptions.Add(card.Type == "quiz"
                ? "each choice counts the answers that picked it (a multi-select answer counts once for each choice it picked, so shares can add up to more than 100 %); correct marks the choices of the correct answer"
                : "each choice counts the answers that picked it; share is of the card's answers");
        }
        return Accept(new Intent(resolved, [place], cohort, range, top, ascending, null, search, Card: card));
    }

    /// <summary>Every poll, quiz and rating card of a lesson, or those of the types named ("the polls in lesson 2", "each poll and quiz card").</summary>
    private ParseResult LessonCards(int place, IReadOnlyList<string>? types, string? cohort, DateRange? range)
    {
        var only = types is null || types.Contains("choice") ? null : types;
        var cards = catalog.Cards.Where(c => c.Lesson == place && c.HasChoices && (only is null || only.Contains(c.Type))).ToList();
        var name = only is null ? "poll, quiz and rating" : string.Join(" and ", only.Select(TypeName));
        if (cards.Count == 0)
        {
            return ParseResult.Declined($"lesson {place} has no {name} card");
        }
        _assumptions.Add($"the {name} cards of lesson {place}: {string.Join(", ", cards.Select(c => $"card {c.Place}"))}; " +
                         "each choice counts the answers that picked it (a multi-select answer once for each choice), share is of the card's answers");
        return Accept(new Intent(Measure.CardAnswers, [place], cohort, range, null, false, null, null, CardTypes: only));
    }

    private string WhichCard(List<int> lessons)
    {
        if (lessons is not [var place])
        {
            return "which card? Name it with its lesson, e.g. \"how did learners answer card 2 of lesson 1?\"";
        }
        var cards = catalog.Cards.Where(c => c.Lesson == place && c.HasChoices).ToList();
        return cards.Count == 0
            ? $"which card? Lesson {place} has no poll, quiz or rating card"
            : $"which card? In lesson {place}: {string.Join("; ", cards.Take(12).Select(c => $"card {c.Place} ({TypeName(c.Type)}) \"{Short(c.Text)}\""))}";
    }

    internal static string DescribeCard(CatalogCard card) =>
        $"card {card.Place} of lesson {card.Lesson} is the {TypeName(card.Type)} \"{Short(card.Text)}\" ({Ordinal(card.Place)} card of the lesson in the order learners first answered them)";

    private static string TypeName(string type) => type switch
    {
        "rate" => "rating card",
        "form" => "free-text card",
        "submit media" or "submit-media" => "media card",
        _ => type,
    };

    private static string Count(int n, string name) => n == 1 ? $"one {name}" : $"{n} {name}{(name.EndsWith('z') ? "zes" : "s")}";

    private static string Short(string? text)
    {
        var value = (text ?? "").ReplaceLineEndings(" ").Trim();
        return value.Length > 60 ? value[..57] + "..." : value;
    }

    private static string Describe(Measure measure) => measure switch
    {
        Measure.CompletionRate => "completion rate",
        Measure.TimeToComplete => "time to complete",
        Measure.Dropoff => "drop-off",
        Measure.AtRisk => "risk",
        Measure.QuestionAnswers => "answers per card",
        Measure.LessonAnswers => "answers",
        Measure.FreeTextAnswers => "free-text answers",
        Measure.CardAnswers => "answers to one card",
        Measure.LearnerSummary => "learner summary",
        Measure.LessonCount => "lessons",
        _ => measure.ToString().ToLowerInvariant(),
    };

    private ParseResult Accept(Intent intent) => new(intent, _assumptions, null);

    /// <summary>The searched words without the parser's own words after them ("sleep specifically" searches "sleep").</summary>
    private static string TrimFiller(string terms)
    {
        var last = Rx(@"\s+(?<w>\p{L}+)$");
        while (last.Match(terms) is { Success: true } word && Vocabulary.Filler.Contains(word.Groups["w"].Value))
        {
            terms = terms[..word.Index];
        }
        return terms;
    }

    /// <summary>
    /// Sentence ends inside a message become " : " (which <see cref="Normalize"/> keeps), so a sentence that explains
    /// why someone asks can be told from the question (<see cref="PreambleEnds"/>); the lessons' names, which may hold
    /// a full stop ("Less Stress. More Calm"), are kept as they are.
    /// </summary>
    private string MarkSentences(string message)
    {
        foreach (var lesson in catalog.Lessons.Where(lesson => Rx(@"[.?!;]\s").IsMatch(lesson.Name)))
        {
            message = Regex.Replace(message, Regex.Escape(lesson.Name), Normalize(lesson.Name), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
        // A leading condition ("If I had to fix one lesson, which...") explains the question as a sentence before it would.
        message = Rx(@"(?i)^(\s*(?:if|when|since|because|given\s+that)\b[^,.;:?!]{3,150}),\s+").Replace(message, "$1 : ");
        return Rx(@"(?<=\S)[.?!;]+\s+(?=\S)").Replace(message, " : ");
    }

    internal static string Normalize(string message)
    {
        var text = message.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"');
        text = Rx(@"'s\b").Replace(text, "");
        text = Rx(@"[^\p{L}\p{N}\s\-:/%""'.,&]").Replace(text, " ");
        text = Rx(@"(?<!\d)[.,](?!\d)").Replace(text, " ");
        return Rx(@"\s+").Replace(text, " ").Trim();
    }

    private static IEnumerable<string> Tokens(string text) =>
        Rx(@"[\p{L}\p{N}]+").Matches(text).Select(match => match.Value);

    private static bool IsNumber(string token) => token.All(char.IsDigit);

    private bool IsLessonWord(string token) =>
        catalog.Lessons.Any(lesson => Tokens(Normalize(lesson.Name)).Contains(token));

    /// <summary>
    /// A word unknown to the vocabulary, the month names and the lesson names, within one letter (two from seven letters
    /// up) of exactly one known word, is read as that word: "compleiton" is "completion", "lesosn" is "lesson"; so is a
    /// known word ending in "tion" spelled as said ("compleshun").
    /// </summary>
    private string CorrectTypos(string text)
    {
        var known = KnownWords();
        return Rx(@"\p{L}{3,}").Replace(text, match =>
        {
            var word = match.Value;
            if (known.Contains(word))
            {
                return word;
            }
            if (word.Length == 3)
            {
                // A short word cut off by one letter ("completion rat"): the one known word it begins.
                return known.Where(candidate => candidate.Length == 4 && candidate.StartsWith(word, StringComparison.Ordinal)).ToList() is [var whole] ? whole : word;
            }
            // Spelled as said: "compleshun" is "completion".
            if (word.EndsWith("shun", StringComparison.Ordinal) && known.Contains(word[..^4] + "tion"))
            {
                return word[..^4] + "tion";
            }
            var allowed = word.Length >= 7 ? 2 : 1;
            var candidates = known.Where(candidate => Math.Abs(candidate.Length - word.Length) <= allowed && Distance(word, candidate) <= allowed)
                .GroupBy(candidate => Distance(word, candidate)).OrderBy(group => group.Key).FirstOrDefault()?.ToList();
            if (candidates is [_, _, ..] && candidates.Where(candidate => IsSubsequence(word, candidate)).ToList() is [var dropped])
            {
                // Equally near words: the one the typed word is with a letter left out ("whre" is "where", not "were").
                return dropped;
            }
            if (candidates is [_, _, ..])
            {
                // Equally near words: the one that begins and ends as typed ("lesons" is "lessons", not "lesson").
                candidates = candidates.Where(candidate => candidate[0] == word[0] && candidate[^1] == word[^1]).ToList();
            }
            return candidates is [var only] ? only : word;
        });
    }

    private HashSet<string> KnownWords()
    {
        var known = new HashSet<string>(Vocabulary.Filler, StringComparer.Ordinal);
        known.UnionWith(Vocabulary.Months);
        known.UnionWith(catalog.Lessons.SelectMany(lesson => Tokens(Normalize(lesson.Name))));
        known.UnionWith([
            "dropoff", "drop", "off", "stop", "stops", "stopping", "stopped", "quit", "kick", "kicked", "kicks", "well", "funnel", "lose", "losing", "abandon", "completion", "complete", "completed",
            "finish", "finished", "minutes", "duration", "long", "risk", "struggling", "problematic", "inactive", "sentiment", "mood",
            "feel", "feeling", "positive", "negative", "engagement", "engaged", "active", "activity", "daily", "weekly", "trend",
            "started", "start", "began", "reached", "opened", "answers", "answer", "responses", "response", "replies", "answered",
            "statements", "events", "correct", "overview", "summary", "reflections", "written", "yesterday", "today", "last",
            "between", "since", "cohort", "cohorts", "learners", "lessons", "versus", "compare", "percentage", "proportion",
            "mention", "mentioned", "say", "said", "saying", "write", "wrote", "talk", "about", "free", "text", "open", "ended",
        ]);
        known.UnionWith(Vocabulary.MeasureWords);
        known.UnionWith(Vocabulary.Context);
        return known;
    }

    /// <summary>Whether <paramref name="word"/>'s letters appear in <paramref name="candidate"/> in order.</summary>
    private static bool IsSubsequence(string word, string candidate)
    {
        var at = 0;
        foreach (var letter in candidate)
        {
            if (at < word.Length && word[at] == letter)
            {
                at++;
            }
        }
        return at == word.Length;
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }

    private List<int> ExtractLessons(ref string text, out string? problem)
    {
        problem = null;
        var places = new List<int>();
        var count = catalog.Lessons.Count;

        // "lesson 3", "lessons 2 and 5", "lesson 2 vs lesson 5", "lessons 2 to 4", "lesson three"
        var numbers = Rx(@"\b(?:lessons?|l)\s*(?<n>\d+|" + string.Join('|', Vocabulary.NumberWords) + @")(?<more>(?:\s*(?:,|and|&|vs|versus|or|to|through|-|compared\s+(?:to|with))\s*(?:lessons?\s*)?(?:\d+|" + string.Join('|', Vocabulary.NumberWords) + @")\b)*)");
        foreach (Match match in numbers.Matches(text))
        {
            var values = new List<int> { NumberValue(match.Groups["n"].Value) };
            var isRange = Rx(@"\b(to|through)\b|-").IsMatch(match.Groups["more"].Value) && !Rx(@"\b(and|vs|versus|or)\b|,").IsMatch(match.Groups["more"].Value);
            values.AddRange(Rx(@"\d+|" + string.Join('|', Vocabulary.NumberWords)).Matches(match.Groups["more"].Value).Select(m => NumberValue(m.Value)));
            if (isRange && values.Count == 2)
            {
                values = Enumerable.Range(values[0], Math.Max(0, values[1] - values[0] + 1)).ToList();
            }
            places.AddRange(values);
        }
        text = numbers.Replace(text, " ");

        var ordinal = Rx(@"\b(?:the\s+)?(?<o>" + string.Join('|', Vocabulary.Ordinals) + @"|last|final)\s+lesson\b");
        foreach (Match match in ordinal.Matches(text))
        {
            var word = match.Groups["o"].Value;
            places.Add(word is "last" or "final" ? count : Array.IndexOf(Vocabulary.Ordinals, word) + 1);
        }
        text = ordinal.Replace(text, " lesson ");

        // By name: a quoted fragment, the whole name, or a word of exactly one lesson's name next to "lesson".
        foreach (Match quoted in Rx(@"[""'](?<f>[^""']{3,})[""']").Matches(text))
        {
            var fragment = quoted.Groups["f"].Value.Trim();
            var matches = catalog.Lessons.Where(lesson => Normalize(lesson.Name).Contains(fragment, StringComparison.Ordinal)).ToList();
            if (matches.Count != 1)
            {
                problem = matches.Count == 0
                    ? $"no lesson is named like \"{fragment}\""
                    : $"\"{fragment}\" matches several lessons ({string.Join(", ", matches.Select(Describe))})";
                return places;
            }
            places.Add(matches[0].Place);
            text = text.Replace(quoted.Value, " ");
        }
        foreach (var lesson in catalog.Lessons)
        {
            var name = Normalize(lesson.Name);
            if (name.Length > 0 && Rx(@"\b" + Regex.Escape(name) + @"\b").IsMatch(text))
            {
                places.Add(lesson.Place);
                text = Rx(@"\b" + Regex.Escape(name) + @"\b").Replace(text, " lesson ");
            }
        }
        var named = Rx(@"\b(?:the\s+)?(?<w>\p{L}{4,})\s+lesson\b|\blesson\s+(?:on|about)\s+(?<w>\p{L}{4,})\b");
        foreach (Match match in named.Matches(text))
        {
            var word = match.Groups["w"].Value;
            if (Vocabulary.Filler.Contains(word) && !catalog.Lessons.Any(lesson => Tokens(Normalize(lesson.Name)).Contains(word)))
            {
                continue;
            }
            var matches = catalog.Lessons.Where(lesson => Tokens(Normalize(lesson.Name)).Contains(word)).ToList();
            if (matches.Count == 1)
            {
                places.Add(matches[0].Place);
                text = text.Replace(match.Value, " lesson ");
            }
        }

        if (places.Where(place => place < 1 || place > count).ToList() is [var missing, ..])
        {
            problem = count == 0
                ? "there are no lessons in the data yet"
                : $"the course has lessons 1 to {count}; there is no lesson {missing}";
            return places;
        }
        var distinct = places.Distinct().Order().ToList();
        foreach (var place in distinct)
        {
            _assumptions.Add($"lesson {place} is \"{catalog.Lessons[place - 1].Name}\" ({Ordinal(place)} in the course order)");
        }
        return distinct;
    }

    private static int NumberValue(string text) =>
        int.TryParse(text, out var value) ? value : Array.IndexOf(Vocabulary.NumberWords, text) + 1;

    /// <summary>
    /// Cohorts named: "cohort B", "cohort 2", "cohort 2025-09-01", "cohorts A and B", "cohort A vs cohort C". Returns
    /// their weeks (yyyy-MM-dd); an unknown one is a problem.
    /// </summary>
    private List<string> ExtractCohorts(ref string text, out string? problem)
    {
        problem = null;
        const string key = @"(?:\d{4}-\d{2}-\d{2}|[a-z]|\d+)\b";
        var match = Rx(@"\bcohorts?\s+(?:of\s+|starting\s+|from\s+)?(?<c>" + key + @")(?:\s*(?:,|and|&|vs|versus|or|with|compared\s+(?:to|with))\s*(?:cohorts?\s+)?(?<c>" + key + "))*").Match(text);
        if (!match.Success)
        {
            // "The B cohort", "the 2025-09-01 cohort".
            match = Rx(@"\bthe\s+(?<c>" + key + @")\s+cohort\b").Match(text);
        }
        var weeks = new List<string>();
        if (!match.Success)
        {
            return weeks;
        }
        text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
        foreach (var capture in match.Groups["c"].Captures.Select(c => c.Value).Distinct())
        {
            var cohort = int.TryParse(capture, out var index)
                ? catalog.Cohorts.ElementAtOrDefault(index - 1)
                : catalog.Cohorts.FirstOrDefault(c => c.Letter.Equals(capture, StringComparison.OrdinalIgnoreCase) || c.Week.ToString("yyyy-MM-dd") == capture);
            if (cohort is null)
            {
                problem = $"there is no cohort {capture}; the cohorts are {string.Join(", ", catalog.Cohorts.Select(c => $"{c.Letter} (week of {c.Week:yyyy-MM-dd})"))}";
                return weeks;
            }
            _assumptions.Add($"cohort {cohort.Letter} is the {cohort.Learners} learners whose first statement fell in the week of {cohort.Week:yyyy-MM-dd}");
            weeks.Add(cohort.Week.ToString("yyyy-MM-dd"));
        }
        return weeks;
    }

    /// <summary>
    /// A card named: "card 2", "question 3", "the second card", "the last card" (its place: a number, 0 for the last),
    /// "poll 2", "the second quiz" (type:n), "the poll" (type alone: the lesson's only one). Null when none is named.
    /// </summary>
    private static string? ExtractCard(ref string text)
    {
        var numberWords = string.Join('|', Vocabulary.NumberWords);
        var ordinals = string.Join('|', Vocabulary.Ordinals);
        const string types = @"(?<t>polls?|quiz(?:zes)?|ratings?(?:\s+cards?)?|rate\s+cards?|scales?|forms?|free\s*-?\s*text\s+(?:cards?|questions?))";
        Match match;
        string? mention = null;
        if ((match = Rx(@"\b(?:card|question|item)\s*(?:#|no|number)?\s*(?<n>\d+|" + numberWords + @")\b").Match(text)).Success)
        {
            mention = NumberValue(match.Groups["n"].Value).ToString(CultureInfo.InvariantCulture);
        }
        else if ((match = Rx(@"\b(?:the\s+)?(?<o>" + ordinals + @"|last|final)\s+(?:card|question)\b").Match(text)).Success)
        {
            mention = Place(match.Groups["o"].Value).ToString(CultureInfo.InvariantCulture);
        }
        else if ((match = Rx(@"\b(?:the\s+)?(?<o>" + ordinals + @"|last|final)\s+" + types + @"\b").Match(text)).Success)
        {
            mention = $"{Type(match.Groups["t"].Value)}:{Place(match.Groups["o"].Value)}";
        }
        else if ((match = Rx(@"\b" + types + @"\s*(?:#|no|number)?\s*(?<n>\d+|" + numberWords + @")\b").Match(text)).Success)
        {
            mention = $"{Type(match.Groups["t"].Value)}:{NumberValue(match.Groups["n"].Value)}";
        }
        else if ((match = Rx(@"\bthe\s+(?<t>poll|quiz|rating(?:\s+card)?|rate\s+card|scale|form|free\s*-?\s*text\s+(?:card|question))\b(?!\s*(?:results?|scores?|answers?|responses?|cards?|questions?)\b)").Match(text)).Success)
        {
            mention = Type(match.Groups["t"].Value);
        }
        if (mention is not null)
        {
            text = text.Remove(match.Index, match.Length).Insert(match.Index, " card ");
        }
        return mention;

        static int Place(string word) => word is "last" or "final" ? 0 : Array.IndexOf(Vocabulary.Ordinals, word) + 1;

        static string Type(string word) => word switch
        {
            _ when word.StartsWith("poll", StringComparison.Ordinal) => "poll",
            _ when word.StartsWith("quiz", StringComparison.Ordinal) => "quiz",
            _ when word.StartsWith("form", StringComparison.Ordinal) || word.StartsWith("free", StringComparison.Ordinal) => "form",
            _ => "rate",
        };
    }

    /// <summary>
    /// A lesson's cards of the types named in the plural ("the polls", "quiz cards", "rating questions", "polls and
    /// quizzes") or after "each"/"every" ("each poll and quiz card"; "choice" for "choice cards"), replaced by "cards".
    /// Null when none is named.
    /// </summary>
    private static IReadOnlyList<string>? ExtractCardTypes(ref string text)
    {
        const string kind = @"(?<t>poll|quiz|rating|choice|multiple\s*-?\s*choice)";
        const string kinds = @"(?<t>polls|quizzes|ratings)";
        var match = Rx($@"\b(?:each|every)\s+{kind}(?:\s*(?:,|and|&|or)\s*{kind})*\s+(?:cards?|questions?)\b" +
                       $@"|\b(?:the\s+)?{kind}(?:\s*(?:,|and|&|or)\s*{kind})*\s+(?:cards|questions)\b" +
                       $@"|\b(?:the\s+)?{kinds}(?:\s*(?:,|and|&|or)\s*(?:the\s+)?{kinds})*\b").Match(text);
        if (!match.Success)
        {
            return null;
        }
        text = text.Remove(match.Index, match.Length).Insert(match.Index, " cards ");
        return match.Groups["t"].Captures.Select(type => type.Value switch
        {
            _ when type.Value.StartsWith("poll", StringComparison.Ordinal) => "poll",
            _ when type.Value.StartsWith("quiz", StringComparison.Ordinal) => "quiz",
            _ when type.Value.StartsWith("rating", StringComparison.Ordinal) => "rate",
            _ => "choice",
        }).Distinct().ToList();
    }

    /// <summary>
    /// One learner named, read from the message as typed (names and ids are not words to correct) and removed from it:
    /// an e-mail address, a 32-character account id, "learner" and the start of an id (eight or more hexadecimal
    /// characters with a digit), or, after "summarise"/"summary of"/"tell me about"/"profile of" or between "what has"
    /// and "done", a name (a quoted one, or words that are not the parser's: "summarise Ava K.").
    /// </summary>
    private string? ExtractLearner(ref string message)
    {
        var patterns = new[]
        {
            @"(?<ref>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)",
            @"\b(?<ref>[0-9a-fA-F]{32})\b",
            @"\b(?:learner|user|student|participant)\s+(?<ref>(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,31})\b",
            @"\b(?:learner|user|student|participant)\s+[""“'‘](?<ref>[^""”'’]{1,100})[""”'’]",
        };
        foreach (var pattern in patterns)
        {
            if (Regex.Match(message, pattern, RegexOptions.CultureInvariant) is { Success: true } found)
            {
                message = message.Remove(found.Index, found.Length).Insert(found.Index, " learner ");
                return found.Groups["ref"].Value.Trim();
            }
        }
        var named = Regex.Match(message,
            @"\b(?:summar(?:ise|ize|y\s+(?:of|for))|profile\s+(?:of|for)|tell\s+me\s+about|what\s+about|progress\s+of|activity\s+of)\s+(?:the\s+)?(?<learner>(?:learner|user|student|participant)\s+)?(?<ref>[^?!]+?)\s*[?!.]*\s*$" +
            @"|\bwhat\s+(?:has|did)\s+(?:the\s+)?(?<learner>(?:learner|user|student|participant)\s+)?(?<ref>[^?!]+?)\s+(?:done|do|been\s+(?:up\s+to|doing)|achieved)\b",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        if (!named.Success)
        {
            return null;
        }
        var reference = named.Groups["ref"].Value.Trim();
        // Without "learner" before it, a name is taken only when none of its words is one the parser reads
        // ("summarise the course", "what did learners do" are not about a learner).
        var words = Tokens(Normalize(reference)).ToList();
        var known = KnownWords();
        bool Known(string word) => known.Contains(word) || IsNumber(word);
        if (words.Count == 0 || words.Count > 5 || (named.Groups["learner"].Success ? words.All(Known) : words.Any(Known)))
        {
            return null;
        }
        var at = named.Groups["ref"].Index;
        message = message.Remove(at, named.Groups["ref"].Length).Insert(at, " ");
        return reference;
    }

    private static (int? Top, bool Ascending) ExtractRanking(ref string text)
    {
        // "The most negative" ranks sentiment from the bottom.
        var negative = Rx(@"\b(?:most|more|highest)\s+negative\b|\bleast\s+positive\b").IsMatch(text);
        var ascending = negative || Rx(@"\b(lowest|fewest|worst|least|bottom|smallest|weakest|poorest|quietest)\b").IsMatch(text);
        // "More learners were active than any other": the most.
        var descending = !negative && Rx(@"\b(highest|most|best|top|biggest|largest|greatest|strongest|busiest|maximum|max)\b|\bmore\b.*\bthan\s+(?:any|all)\s+(?:other|others)\b").IsMatch(text);
        var numbers = @"\d+|" + string.Join('|', Vocabulary.NumberWords);
        int? top = null;
        if (Rx(@"\b(?:top|bottom|best|worst|highest|lowest|first)\s+(?<n>" + numbers + @")\b|\b(?<n>" + numbers + @")\s+(?:best|worst|highest|lowest|top|most|least|fewest|biggest|largest|smallest)\b|\b(?:which|what|the)\s+(?<n>" + numbers + @")(?=\s+(?:lessons|cohorts|days|weeks|cards)\b)").Match(text) is { Success: true } counted)
        {
            top = NumberValue(counted.Groups["n"].Value);
            text = text.Remove(counted.Index, counted.Length).Insert(counted.Index, " top ");
        }
        else if ((ascending || descending) && Rx(
                     @"\b(which|what)\s+(?:of\s+(?:the|our)\s+)?(lesson|one|cohort|day|date|week)|\bwhere\b" +
                     @"|\b(?:the\s+)?(?:lesson|one|cohort|day|date|week)\s+(?:with|that|where|which|when)\b" +
                     // "The best completion rate": the lesson that has it.
                     @"|\b(?:best|worst|top|highest|lowest|weakest|strongest|poorest|smallest|largest|biggest)\s+(?:completion|finish|finishing|drop\s*-?\s*off|dropoff)\s+(?:rate|%|percentage|ratio)\b" +
                     @"|\b(?:best|worst|top|highest|lowest|weakest|strongest|poorest|busiest|quietest|biggest|smallest)\s+(?:\w+\s+)?(?:lesson|cohort|day|date|week)\b(?!s)").IsMatch(text))
        {
            top = 1;
        }
        return (top, ascending && !descending);
    }

    private DateRange? ExtractRange(ref string text, out string? problem)
    {
        problem = null;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var month = string.Join('|', Vocabulary.Months.Select(name => name[..3] + (name.Length > 3 ? "(?:" + name[3..] + ")?" : "")));
        var date = $@"(?:\d{{4}}-\d{{2}}-\d{{2}}|(?:{month})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month})(?:\s+\d{{4}})?)";

        DateRange? range = null;
        Match match;
        if ((match = Rx($@"\b(?:between|from)\s+(?<a>{date})\s+(?:and|to|until|till|-)\s+(?<b>{date})").Match(text)).Success)
        {
            var (a, b) = (ParseDate(match.Groups["a"].Value), ParseDate(match.Groups["b"].Value));
            if (a is null || b is null || b < a)
            {
                problem = $"I could not read the dates in \"{match.Value}\"";
                return null;
            }
            range = Days(a.Value, b.Value.AddDays(1), $"{a:yyyy-MM-dd} to {b:yyyy-MM-dd} (both days included)");
        }
        else if ((match = Rx($@"\b(?:since|after)\s+(?<a>{date})").Match(text)).Success && ParseDate(match.Groups["a"].Value) is { } since)
        {
            range = Days(since, today.AddDays(1), $"since {since:yyyy-MM-dd}");
        }
        else if ((match = Rx($@"\b(?:on\s+)?(?<a>{date})").Match(text)).Success && ParseDate(match.Groups["a"].Value) is { } day)
        {
            range = Days(day, day.AddDays(1), $"{day:yyyy-MM-dd} (UTC)");
        }
        else if ((match = Rx($@"\b(?:(?:in|during)\s+(?<m>{month})(?:\s+(?<y>\d{{4}}))?|(?<m>{month})\s+(?<y>\d{{4}}))\b").Match(text)).Success)
        {
            var number = Array.FindIndex(Vocabulary.Months, name => name.StartsWith(match.Groups["m"].Value[..3], StringComparison.Ordinal)) + 1;
            int year;
            if (match.Groups["y"].Success)
            {
                year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            }
            else
            {
                // A month without a year is the latest one that has begun by the data's last statement (or today).
                var reference = catalog.AsOf is { } asOf ? DateOnly.FromDateTime(asOf.UtcDateTime) : today;
                year = number <= reference.Month ? reference.Year : reference.Year - 1;
            }
            var first = new DateOnly(year, number, 1);
            range = Days(first, first.AddMonths(1), $"{first:MMMM yyyy}");
        }
        else if ((match = Rx(@"\b(?:in\s+|over\s+|during\s+)?(?:the\s+)?(?<w>last|past|previous|this|current)\s+(?:(?<n>\d+|" + string.Join('|', Vocabulary.NumberWords) + @")\s+)?(?<u>days?|weeks?|months?)\b|\b(?<y>yesterday|today)\b").Match(text)).Success)
        {
            range = Relative(match, today);
        }
        if (range is not null)
        {
            text = text.Remove(match.Index, match.Length).Insert(match.Index, " ");
            _assumptions.Add($"period: {range.Description}, by statement time, end exclusive");
        }
        return range;
    }

    private static DateRange Relative(Match match, DateOnly today)
    {
        if (match.Groups["y"].Success)
        {
            var day = match.Groups["y"].Value == "today" ? today : today.AddDays(-1);
            return Days(day, day.AddDays(1), $"{match.Groups["y"].Value}, {day:yyyy-MM-dd} (UTC)");
        }
        var unit = match.Groups["u"].Value.TrimEnd('s');
        var current = match.Groups["w"].Value is "this" or "current";
        var n = match.Groups["n"].Success ? NumberValue(match.Groups["n"].Value) : 1;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        return (unit, current, match.Groups["n"].Success) switch
        {
            ("day", _, _) => Days(today.AddDays(-n + 1), today.AddDays(1), $"the last {n} days to {today:yyyy-MM-dd}"),
            ("week", true, _) => Days(monday, monday.AddDays(7), $"this week (from Monday {monday:yyyy-MM-dd})"),
            ("week", false, false) => Days(monday.AddDays(-7), monday, $"last week (Monday {monday.AddDays(-7):yyyy-MM-dd} to Sunday {monday.AddDays(-1):yyyy-MM-dd})"),
            ("week", false, true) => Days(today.AddDays(-7 * n + 1), today.AddDays(1), $"the last {n} weeks to {today:yyyy-MM-dd}"),
            ("month", true, _) => Days(firstOfMonth, firstOfMonth.AddMonths(1), $"this month ({firstOfMonth:MMMM yyyy})"),
            ("month", false, false) => Days(firstOfMonth.AddMonths(-1), firstOfMonth, $"last month ({firstOfMonth.AddMonths(-1):MMMM yyyy})"),
            _ => Days(today.AddMonths(-n).AddDays(1), today.AddDays(1), $"the last {n} months to {today:yyyy-MM-dd}"),
        };
    }

    private static DateRange Days(DateOnly from, DateOnly to, string description) =>
        new(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), description);

    private DateOnly? ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }
        var words = Rx(@"(st|nd|rd|th)\b|\bof\b").Replace(text, "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var monthWord = words.First(word => !char.IsDigit(word[0]));
        var month = Array.FindIndex(Vocabulary.Months, name => name.StartsWith(monthWord[..3], StringComparison.Ordinal)) + 1;
        var numbers = words.Where(word => char.IsDigit(word[0])).Select(int.Parse).ToList();
        var day = numbers.First(number => number <= 31);
        var reference = catalog.AsOf is { } asOf ? DateOnly.FromDateTime(asOf.UtcDateTime) : DateOnly.FromDateTime(now.UtcDateTime);
        var year = numbers.FirstOrDefault(number => number > 31, month <= reference.Month ? reference.Year : reference.Year - 1);
        return month < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) ? null : new DateOnly(year, month, day);
    }

    internal static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    private static string Describe(CatalogLesson lesson) => $"lesson {lesson.Place} \"{lesson.Name}\"";

    private static Regex Rx(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    /// <summary>Where words explaining why someone asks may end and the question begin (<see cref="DetectMeasures"/>).</summary>
    [GeneratedRegex(@":(?=\s)|\bso(?=\s+(?:how|what|which|who|where|when)\b)|\b(?:so\s+)?(?:please\s+)?(?:can|could|would|will)\s+you\b|\bso\s+please\b|\b(?:i|we)(?:'d|\s+would)?\s+(?:really\s+)?(?:need|want|like|love)\s+(?:to\s+(?:know|see|check|understand|find\s+out|get|learn)|the|a|an)\b|\bneed\s+to\s+know\b", RegexOptions.CultureInvariant)]
    private static partial Regex PreambleEnds();

    /// <summary>
    /// Why a question is asked, said after it: "so (that) I can ...", or a last sentence of what the asker means to do
    /// ("I want to send them a reminder"), not of what they want to know.
    /// </summary>
    [GeneratedRegex(@"(?:\bso\s+(?:that\s+)?(?:i|we)\s+(?:can|could|may)\b|:\s*(?:i|we)(?:'d|\s+would|\s+want|\s+need|\s+plan|\s+intend|'m\s+going|\s+am\s+going)\s+(?:like\s+)?to\s+(?!(?:know|see|check|understand|find|get|learn|have)\b))[^:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposeClause();

    /// <summary>A completion negated: "fail to finish", "don't complete", "never finish", "struggle to finish", "abandon before finishing".</summary>
    [GeneratedRegex(@"\b(?:fail(?:s|ed|ing)?\s+to|don'?t|do\s+not|does\s+not|doesn'?t|never|not|struggl\w*\s+(?:\w+\s+)?to)\s+(?:finish|complete)\w*|\babandon\w*\s+(?:\w+\s+){0,3}before\s+(?:finish|complet)\w*", RegexOptions.CultureInvariant)]
    private static partial Regex NegatedCompletion();

    [GeneratedRegex(@"\b(?:say|says|saying|said|write|wrote|writing|written|mention(?:s|ed|ing)?|talk(?:s|ed|ing)?|think|comment(?:s|ed)?|answers?|responses?)\s+(?:about|on|regarding)\s+(?!(?:the\s+)?(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final)\s+)?(?:cards?|questions?|polls?|quiz(?:zes)?|ratings?|forms?)\b)(?<terms>.+?)(?=\s+(?:in|for|during|on|from|since|between|by|among)\s+(?:lesson|lessons|cohort|the|their|our|these|those|each|every|all|any|\d|last|this|january|february|march|april|may|june|july|august|september|october|november|december)\b|\s*\?|$)" +
        @"|\b(?:mention(?:s|ed|ing)?|(?:bring|brings|bringing|brought)\s+up|rais(?:e|es|ed|ing))\s+(?<terms>(?!(?:about|in|on|at|for|to)\b)[\p{L}""' ]+?)(?=\s+(?:in|for|during|on|from|since|between|by)\s|\s*\?|\s*:|$)" +
        @"|\b(?:search|find|look\s+for)\s+(?<scope>lessons?\s+\d+\s+)?(?:(?:the|all|any)\s+)?(?:(?:free\s*-?\s*text\s+)?(?:answers?|responses?|reflections?|comments?)\s+)?(?:for|with|containing|about)\s+(?<terms>[\p{L}""' ]+?)(?=\s+(?:in|for|during|on|from|since|between|by)\s|\s*\?|$)" +
        @"|\b(?<terms>(?!(?:any|the|all|some|no|of|what|which|many|how)\b)\p{L}{3,})\s+mentions\b")]
    private static partial Regex SearchPattern();
}
