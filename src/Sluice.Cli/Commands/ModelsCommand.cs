using System.CommandLine;
using System.Globalization;
using Sluice.Definitions;

namespace Sluice.Cli.Commands;

/// <summary><c>sluice models</c>: the local model registry that Model and RegisterModel steps write.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliIo io)
    {
        var data = CommonOptions.Data();
        var group = new Option<string?>("--group") { Description = "Only this model package group's packages.", HelpName = "NAME" };
        var command = new Command("models", "List the model packages (newest version first) and the models of the local registry.") { data, group };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var host = await EngineHost.OpenAsync(parseResult.GetValue(data)!, null, withEngine: false, cancellationToken);
            var groupName = parseResult.GetValue(group);
            var packages = await host.Store.ListModelPackagesAsync(groupName, cancellationToken);
            var models = groupName is null ? await host.Store.ListModelsAsync(cancellationToken) : [];
            if (packages.Count == 0 && groupName is not null)
            {
                // A filter that matches nothing names the filter, not an empty registry.
                var groups = (await host.Store.ListModelPackagesAsync(null, cancellationToken)).Select(p => p.GroupName).Distinct(StringComparer.Ordinal).ToList();
                await io.Error.WriteLineAsync($"sluice: there is no model package group '{groupName}'{Spelling.Hint(groupName, groups)}");
                return ExitCodes.Invalid;
            }

            if (packages.Count == 0 && models.Count == 0)
            {
                await io.Error.WriteLineAsync("sluice: the registry is empty; Model and RegisterModel steps fill it.");
                return ExitCodes.Success;
            }

            if (packages.Count > 0)
            {
                await io.Out.WriteLineAsync($"{"GROUP",-28} {"VERSION",7}  {"APPROVAL",-22} {"REGISTERED (UTC)",-20} ARN");
                foreach (var package in packages)
                {
                    await io.Out.WriteLineAsync(
                        $"{package.GroupName,-28} {package.Version,7}  {package.ApprovalStatus,-22} {Time(package.CreationTime),-20} {package.Arn}");
                }
            }

            if (models.Count > 0)
            {
                if (packages.Count > 0)
                {
                    await io.Out.WriteLineAsync();
                }

                await io.Out.WriteLineAsync($"{"MODEL",-48} {"CREATED (UTC)",-20} ARN");
                foreach (var model in models)
                {
                    await io.Out.WriteLineAsync($"{model.Name,-48} {Time(model.CreationTime),-20} {model.Arn}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
