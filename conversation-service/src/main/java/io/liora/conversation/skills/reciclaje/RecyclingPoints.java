package io.liora.conversation.skills.reciclaje;

import io.liora.conversation.policy.BotPolicy;
import io.liora.conversation.skills.Outgoing;
import io.liora.conversation.skills.Reply;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The tenant's recycling points nearest to a location the customer shared, by great-circle distance. */
public final class RecyclingPoints {

    static final int SHOWN = 3;
    private static final double EARTH_RADIUS_KM = 6371.0;

    private RecyclingPoints() {
    }

    public static Reply nearest(BotPolicy policy, double lat, double lon) {
        List<BotPolicy.RecyclingPoint> points = policy.recyclingPoints();
        if (points.isEmpty()) {
            return Reply.of(Outgoing.text(policy.text("reciclaje.no_points", "♻️ Gracias por tu ubicación. Todavía "
                    + "no tenemos puntos de reciclaje registrados; muy pronto los verás aquí.")));
        }
        List<BotPolicy.RecyclingPoint> nearest = points.stream()
                .sorted(Comparator.comparingDouble(p -> distanceKm(lat, lon, p.lat(), p.lon())))
                .limit(SHOWN).toList();
        StringBuilder text = new StringBuilder(policy.text("reciclaje.nearest", "♻️ Los puntos de reciclaje más "
                + "cercanos a ti:"));
        for (int i = 0; i < nearest.size(); i++) {
            BotPolicy.RecyclingPoint point = nearest.get(i);
            text.append("\n").append(i + 1).append(". *").append(point.name()).append("*");
            if (point.address() != null && !point.address().isBlank()) {
                text.append(" — ").append(point.address());
            }
            text.append(" (").append(kilometres(distanceKm(lat, lon, point.lat(), point.lon()))).append(")");
            if (point.accepts() != null && !point.accepts().isBlank()) {
                text.append("\n   Recibe: ").append(point.accepts());
            }
        }
        return Reply.of(Outgoing.text(text.toString()));
    }

    /** Haversine distance. */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** "850 m" or "2,4 km", as Chileans write it. */
    static String kilometres(double km) {
        if (km < 1) {
            return Math.round(km * 1000) + " m";
        }
        return String.format(Locale.forLanguageTag("es-CL"), "%.1f km", km);
    }
}
