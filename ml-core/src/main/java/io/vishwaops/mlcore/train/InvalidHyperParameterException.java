package io.vishwaops.mlcore.train;

/** A hyper-parameter that is unknown to the algorithm, of the wrong type or out of range; names the parameter. */
public final class InvalidHyperParameterException extends IllegalArgumentException {

    private final Algorithm algorithm;
    private final String parameter;

    InvalidHyperParameterException(Algorithm algorithm, String parameter, String problem) {
        super(algorithm.id() + ": hyper-parameter '" + parameter + "' " + problem);
        this.algorithm = algorithm;
        this.parameter = parameter;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public String parameter() {
        return parameter;
    }
}
