using System.Text.Json.Nodes;
using Sluice.Definitions.Json;

namespace Sluice.Core.Export.StepFunctions;

/// <summary>
/// A piece of a state machine: states with one entry and the states whose <c>Next</c> is still open (none when every
/// path through it ends in a Fail state).
/// </summary>
internal sealed class Fragment
{
    private Fragment(string start, List<KeyValuePair<string, JsonObject>> states, List<JsonObject> open)
    {
        Start = start;
        States = states;
        Open = open;
    }

    public string Start { get; }

    public List<KeyValuePair<string, JsonObject>> States { get; }

    public List<JsonObject> Open { get; }

    public bool Terminal => Open.Count == 0;

    /// <summary>A fragment of states that run one after the other.</summary>
    public static Fragment Sequence(params (string Name, JsonObject State)[] states)
    {
        var fragment = Single(states[0].Name, states[0].State);
        foreach (var (name, state) in states.Skip(1))
        {
            fragment = fragment.Then(Single(name, state));
        }

        return fragment;
    }

    /// <summary>A fragment of one state; a Fail state leaves nothing open.</summary>
    public static Fragment Single(string name, JsonObject state)
    {
        var open = state["Type"]?.GetValue<string>() is "Fail" or "Succeed" or "Choice" ? new List<JsonObject>() : [state];
        return new Fragment(name, [new(name, state)], open);
    }

    /// <summary>A fragment whose open ends are given, e.g. a Choice state and its branches.</summary>
    public static Fragment Of(string start, List<KeyValuePair<string, JsonObject>> states, List<JsonObject> open) => new(start, states, open);

    /// <summary>Marks open Choice states: their <c>Default</c>, not <c>Next</c>, is what follows.</summary>
    public Fragment WithChoiceDefault(JsonObject choice)
    {
        _choiceDefaults.Add(choice);
        return this;
    }

    private readonly HashSet<JsonObject> _choiceDefaults = new(ReferenceEqualityComparer.Instance);

    /// <summary>This fragment, then <paramref name="next"/>. Only valid when this fragment is not terminal.</summary>
    public Fragment Then(Fragment next)
    {
        foreach (var state in Open)
        {
            state[_choiceDefaults.Contains(state) ? "Default" : "Next"] = next.Start;
        }

        return new Fragment(Start, [.. States, .. next.States], next.Open);
    }

    /// <summary>The fragment as a state machine or Parallel branch: open ends get <c>End</c>.</summary>
    public JsonObject Close()
    {
        foreach (var state in Open)
        {
            if (_choiceDefaults.Contains(state))
            {
                var done = new JsonObject { ["Type"] = "Succeed" };
                state["Default"] = "Sluice.Done";
                States.Add(new("Sluice.Done", done));
            }
            else
            {
                state["End"] = true;
            }
        }

        var states = new JsonObject();
        foreach (var (name, state) in States)
        {
            states[name] = state;
        }

        return new JsonObject { ["StartAt"] = Start, ["States"] = states };
    }
}
