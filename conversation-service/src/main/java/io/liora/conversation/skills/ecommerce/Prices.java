package io.liora.conversation.skills.ecommerce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/** Prices as Chilean customers read them: {@code $12.990} for CLP; other currencies by their code. */
public final class Prices {

    private Prices() {
    }

    public static String format(BigDecimal amount, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            digits = 2;
        }
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator('.');
        symbols.setDecimalSeparator(',');
        DecimalFormat format = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits), symbols);
        String number = format.format(amount.setScale(digits, RoundingMode.HALF_UP));
        return "CLP".equals(currency) ? "$" + number : currency + " " + number;
    }
}
