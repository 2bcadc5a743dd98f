using System.Text.Json;
using Sluice.Core.Jobs;

namespace Sluice.Core.Steps;

/// <summary>What a training request asks to run: its hyperparameters, its code and the command.</summary>
/// <param name="HyperParameters">The hyperparameters as written (JSON-encoded strings).</param>
/// <param name="SubmitDirectory">Script mode's decoded <c>sagemaker_submit_directory</c>; <see langword="null"/> for an image's own command.</param>
/// <param name="EntryPoint">The program: script mode's <c>sagemaker_program</c>, or the last word of the image's command.</param>
/// <param name="User">The user's hyperparameters (not <c>sagemaker_*</c>).</param>
/// <param name="Command">The job's command.</param>
internal sealed record TrainingPlan(
    Dictionary<string, string> HyperParameters,
    string? SubmitDirectory,
    string EntryPoint,
    List<KeyValuePair<string, string>> User,
    List<string> Command)
{
    /// <summary>
    /// The plan of a step's request: script mode when the sagemaker_program and sagemaker_submit_directory
    /// hyperparameters are set, else the image's configured command.
    /// </summary>
    /// <returns>The plan; <see langword="null"/> when the request can run neither way on this machine.</returns>
    public static TrainingPlan? For(StepRunContext context)
    {
        var arguments = context.Arguments;
        var hyperparameters = TrainingStepRunner.HyperParameters(arguments);
        var image = arguments.Member("AlgorithmSpecification").Member("TrainingImage").TryGetString(out var uri) ? uri : "(no TrainingImage)";
        var imageCommand = context.Configuration.FindImageCommand(image);
        var scriptMode = hyperparameters.TryGetValue("sagemaker_program", out var program) & hyperparameters.TryGetValue("sagemaker_submit_directory", out var submitDirectory);
        if (!scriptMode && imageCommand is null)
        {
            return null;
        }

        var user = hyperparameters.Where(p => !p.Key.StartsWith("sagemaker_", StringComparison.Ordinal)).ToList();
        var entryPoint = scriptMode ? TrainingStepRunner.Decode(program!) : imageCommand![^1];

        // Script mode runs the program with the hyperparameters as arguments; an image's own command reads them from
        // /opt/ml/input/config/hyperparameters.json, as built-in algorithm containers do.
        List<string> command = scriptMode ? [context.Configuration.Python, entryPoint] : [.. imageCommand!];
        foreach (var (name, value) in scriptMode ? user : [])
        {
            command.Add("--" + name);
            command.Add(TrainingStepRunner.Decode(value));
        }

        return new TrainingPlan(hyperparameters, scriptMode ? TrainingStepRunner.Decode(submitDirectory!) : null, entryPoint, user, command);
    }
}
