using Sluice.Core.Storage;
using Sluice.Definitions.Validation;

namespace Sluice.Core.Execution;

/// <content>
/// The pipeline lifecycle: create, update, delete, and the CLI's save. Each decision (the name is free, the pipeline
/// exists, none of its executions runs) is taken inside the store write that acts on it, never by a read before it, so
/// concurrent requests cannot both pass a check; a read before the write only answers early.
/// </content>
public sealed partial class PipelineEngine
{
    /// <summary>Validates a definition and stores it as a pipeline's next version (version 1 for a new pipeline).</summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="definitionText">The definition JSON.</param>
    /// <param name="roleArn">The RoleArn to record.</param>
    /// <param name="description">The description.</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="maxParallelExecutionSteps">The pipeline's parallelism limit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored version.</returns>
    /// <exception cref="InvalidDefinitionException">When the definition has errors.</exception>
    public async Task<PipelineRecord> SavePipelineAsync(
        string name,
        string definitionText,
        string? roleArn,
        string? description,
        string? displayName,
        int? maxParallelExecutionSteps,
        CancellationToken cancellationToken)
    {
        Validate(definitionText);
        var now = _services.Time.GetUtcNow();
        var record = new PipelineRecord(name, Arns.Pipeline(_services.Options, name), 0, definitionText, displayName, description, roleArn, maxParallelExecutionSteps, now, now);
        return await _services.Store.AddPipelineVersionAsync(record, cancellationToken);
    }

    /// <summary>
    /// The CLI's save: the pipeline's latest version when its definition is exactly <paramref name="definitionText"/>,
    /// otherwise a new version (see <see cref="SavePipelineAsync"/>), so running an unchanged file again adds nothing.
    /// </summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="definitionText">The definition JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The latest version, or the one stored now.</returns>
    /// <exception cref="InvalidDefinitionException">When a changed definition has errors.</exception>
    public async Task<PipelineRecord> SavePipelineIfChangedAsync(string name, string definitionText, CancellationToken cancellationToken)
    {
        var latest = await _services.Store.GetPipelineAsync(name, null, cancellationToken);
        return latest is not null && latest.DefinitionText == definitionText
            ? latest
            : await SavePipelineAsync(name, definitionText, null, null, null, null, cancellationToken);
    }

    /// <summary>CreatePipeline: validates the definition and stores version 1 of a new pipeline.</summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="settings">The pipeline's settings; <see cref="PipelineSettings.DefinitionText"/> is required.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored version 1.</returns>
    /// <exception cref="PipelineExistsException">When a pipeline of that name exists (also one created concurrently).</exception>
    /// <exception cref="InvalidDefinitionException">When the definition has errors.</exception>
    /// <exception cref="ArgumentException">When <paramref name="settings"/> has no definition.</exception>
    public async Task<PipelineRecord> CreatePipelineAsync(string name, PipelineSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var definition = settings.DefinitionText ?? throw new ArgumentException("A new pipeline needs a definition.", nameof(settings));

        // An early answer only: a taken name is reported before the definition is looked at, as it always was.
        if (await _services.Store.GetPipelineAsync(name, null, cancellationToken) is not null)
        {
            throw new PipelineExistsException(name);
        }

        Validate(definition);
        var now = _services.Time.GetUtcNow();
        var record = new PipelineRecord(
            name, Arns.Pipeline(_services.Options, name), 1, definition, settings.DisplayName, settings.Description,
            settings.RoleArn, settings.MaxParallelExecutionSteps, now, now);
        return await _services.Store.CreatePipelineAsync(record, cancellationToken) ?? throw new PipelineExistsException(name);
    }

    /// <summary>
    /// UpdatePipeline: stores the next version of an existing pipeline, the members not given taken from the version
    /// before it as the store write sees it (so concurrent updates neither share a version nor undo each other).
    /// </summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="changes">What changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored version.</returns>
    /// <exception cref="ResourceNotFoundException">When there is no such pipeline (also one deleted concurrently).</exception>
    /// <exception cref="InvalidDefinitionException">When a new definition has errors.</exception>
    public async Task<PipelineRecord> UpdatePipelineAsync(string name, PipelineSettings changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);

        // An early answer only, before the definition is validated; the write below decides.
        if (await _services.Store.GetPipelineAsync(name, null, cancellationToken) is null)
        {
            throw NotFound(name, null);
        }

        if (changes.DefinitionText is { } definition)
        {
            Validate(definition);
        }

        var now = _services.Time.GetUtcNow();
        return await _services.Store.UpdatePipelineAsync(
            name,
            latest => latest with
            {
                DefinitionText = changes.DefinitionText ?? latest.DefinitionText,
                RoleArn = changes.RoleArn ?? latest.RoleArn,
                Description = changes.Description ?? latest.Description,
                DisplayName = changes.DisplayName ?? latest.DisplayName,
                MaxParallelExecutionSteps = changes.MaxParallelExecutionSteps ?? latest.MaxParallelExecutionSteps,
                LastModifiedTime = now,
                VersionDisplayName = null,
                VersionDescription = null,
            },
            cancellationToken) ?? throw NotFound(name, null);
    }

    /// <summary>
    /// DeletePipeline: deletes a pipeline with its versions and executions, as SageMaker does only while none of its
    /// executions runs. Against a concurrent start the store decides: an execution stored first makes this a conflict;
    /// a start after it finds no pipeline.
    /// </summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deleted pipeline's ARN.</returns>
    /// <exception cref="ResourceNotFoundException">When there is no such pipeline (also when a concurrent delete took it).</exception>
    /// <exception cref="ConflictException">When an execution of the pipeline is Executing or Stopping.</exception>
    public async Task<string> DeletePipelineAsync(string name, CancellationToken cancellationToken)
    {
        var deletion = await _services.Store.DeletePipelineAsync(name, cancellationToken);
        return deletion.Outcome switch
        {
            PipelineDeletionOutcome.Deleted => deletion.PipelineArn!,
            PipelineDeletionOutcome.NotFound => throw NotFound(name, null),
            _ => throw new ConflictException($"Pipeline '{name}' has an execution that is still running; stop it first."),
        };
    }

    /// <summary>UpdatePipelineVersion: sets one version's PipelineVersionDisplayName and PipelineVersionDescription (each only when given).</summary>
    /// <param name="name">The pipeline's name.</param>
    /// <param name="version">The version.</param>
    /// <param name="displayName">The version's display name, when it changes.</param>
    /// <param name="description">The version's description, when it changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version as now stored.</returns>
    /// <exception cref="ResourceNotFoundException">When there is no such pipeline, or it has no such version.</exception>
    public async Task<PipelineRecord> UpdatePipelineVersionAsync(
        string name, long version, string? displayName, string? description, CancellationToken cancellationToken)
    {
        if (await _services.Store.UpdatePipelineVersionAsync(name, version, displayName, description, cancellationToken) is { } updated)
        {
            return updated;
        }

        // Nothing was written; only the message depends on whether the pipeline itself is there.
        throw await _services.Store.GetPipelineAsync(name, null, cancellationToken) is null ? NotFound(name, null) : NotFound(name, version);
    }

    private static ResourceNotFoundException NotFound(string name, long? version) =>
        new(version is { } v ? $"Pipeline '{name}' has no version {v}." : $"Pipeline '{name}' does not exist.");

    private static void Validate(string definitionText)
    {
        var validation = DefinitionValidator.Validate(definitionText);
        if (!validation.IsValid)
        {
            throw new InvalidDefinitionException(validation.Diagnostics);
        }
    }
}
