/** Programs that show how to embed SteadyState's libraries. */
module io.steadystate.examples {
    requires io.steadystate.merge;

    exports io.steadystate.examples.merge;
}
