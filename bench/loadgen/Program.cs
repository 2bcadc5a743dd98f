using System.CommandLine;
using System.Net;
using System.Text.Json;
using Sluice.Bench.LoadGen;

var url = new Argument<string>("URL") { Description = "The server, e.g. http://127.0.0.1:8080/ (loopback only)." };
var rate = new Option<double>("--rate") { Description = "Requests per second, all connections together.", Required = true };
var duration = new Option<double>("--duration") { Description = "Seconds measured.", DefaultValueFactory = _ => 10 };
var warmup = new Option<double>("--warmup") { Description = "Seconds sent at the same rate before measuring.", DefaultValueFactory = _ => 2 };
var connections = new Option<int>("--connections") { Description = "Connections, one thread each.", DefaultValueFactory = _ => 16 };
var timeout = new Option<double>("--timeout") { Description = "Seconds one response may take.", DefaultValueFactory = _ => 10 };
var grace = new Option<double>("--grace") { Description = "Seconds after the schedule's end that late requests may still go.", DefaultValueFactory = _ => 2 };
var headers = new Option<string[]>("--header") { Description = "A request header, 'Name: value' (repeatable).", Arity = ArgumentArity.ZeroOrMore };
var body = new Option<string>("--body") { Description = "The request body; '{n}' in it becomes a value of its own per request.", DefaultValueFactory = _ => "" };

var command = new RootCommand(
    "Open-loop HTTP load: POSTs one request at a fixed rate and prints latency percentiles measured from each " +
    "request's due time, as JSON on standard output.")
{
    url, rate, duration, warmup, connections, timeout, grace, headers, body,
};
command.SetAction(parse =>
{
    var text = parse.GetValue(url)!;
    if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttp)
    {
        Console.Error.WriteLine($"sluice-loadgen: '{text}' is not an http:// URL.");
        return 2;
    }

    if (!IPAddress.TryParse(target.Host.Trim('[', ']'), out var address) || !IPAddress.IsLoopback(address))
    {
        Console.Error.WriteLine($"sluice-loadgen: {target.Host} is not a loopback address; the bench sends only to 127.0.0.1 or ::1.");
        return 2;
    }

    var offered = parse.GetValue(rate);
    var count = parse.GetValue(connections);
    if (offered <= 0 || count <= 0)
    {
        Console.Error.WriteLine("sluice-loadgen: --rate and --connections must be positive.");
        return 2;
    }

    var endpoint = new IPEndPoint(address, target.Port);
    var plan = new LoadPlan(
        endpoint,
        new RequestTemplate(endpoint, target.PathAndQuery, parse.GetValue(headers) ?? [], parse.GetValue(body)!),
        offered,
        TimeSpan.FromSeconds(parse.GetValue(warmup)),
        TimeSpan.FromSeconds(parse.GetValue(duration)),
        count,
        TimeSpan.FromSeconds(parse.GetValue(timeout)),
        TimeSpan.FromSeconds(parse.GetValue(grace)));
    var report = OpenLoopRunner.Run(plan);
    Console.WriteLine(JsonSerializer.Serialize(report, ReportJsonContext.Default.LoadReport));
    // A server too slow to answer anything due in the measured window is a result (all unsent); one that answered
    // nothing because every request failed is not.
    if (report.Answered == 0 && report.NotSent == 0)
    {
        Console.Error.WriteLine($"sluice-loadgen: no request was answered: {report.FirstFailure}");
        return 1;
    }

    return 0;
});
return command.Parse(args).Invoke();
