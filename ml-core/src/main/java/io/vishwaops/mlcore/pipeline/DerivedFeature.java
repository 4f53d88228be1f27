package io.vishwaops.mlcore.pipeline;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vishwaops.mlcore.expression.Expression;
import io.vishwaops.mlcore.expression.ExpressionException;
import io.vishwaops.mlcore.expression.ValueType;

/**
 * A derived feature inside a fitted pipeline. Only its text and the column types it was checked against are
 * serialized; the expression is compiled again when a bundle is read, so a bundle carries no executable code.
 */
final class DerivedFeature implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String text;
    private final LinkedHashMap<String, ValueType> columnTypes;
    private transient Expression expression;

    DerivedFeature(String name, Expression expression, Map<String, ValueType> columnTypes) {
        this.name = name;
        this.text = expression.text();
        this.columnTypes = new LinkedHashMap<>(columnTypes);
        this.expression = expression;
    }

    String name() {
        return name;
    }

    Expression expression() {
        return expression;
    }

    Object evaluate(Map<String, ?> row) {
        return expression.evaluate(row);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        try {
            expression = Expression.compile(text, columnTypes);
        } catch (ExpressionException e) {
            throw new InvalidObjectException("derived feature '" + name + "' no longer compiles: " + e.getMessage());
        }
    }
}
