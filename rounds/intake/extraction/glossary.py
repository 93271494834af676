"""A small Spanish-to-English phrase glossary, so staff read Spanish list items in English."""

from __future__ import annotations

import re

from .terms import fold

ES_GLOSSARY = [
    ("datos", "information"),
    ("informacion", "information"),
    ("pedidos de cooperacion", "requests for cooperation"),
    ("solicitudes de informacion", "requests for information"),
    ("pedidos de informacion", "requests for information"),
    ("trafico de migrantes", "migrant smuggling"),
    ("trafico ilicito de migrantes", "migrant smuggling"),
    ("solicitudes de cooperacion", "requests for cooperation"),
    ("solicitudes de extradicion", "extradition requests"),
    ("pedidos", "requests"),
    ("solicitudes", "requests"),
    ("pendientes", "pending"),
    ("que todavia aguardan respuesta de", "still awaiting a response from"),
    ("que aun aguardan respuesta de", "still awaiting a response from"),
    ("que aguardan respuesta de", "awaiting a response from"),
    ("la contraparte estadounidense", "the U.S. side"),
    ("la parte estadounidense", "the U.S. side"),
    ("la parte cubana", "the Cuban side"),
    ("la parte mexicana", "the Mexican side"),
    ("la parte colombiana", "the Colombian side"),
    ("continuar el dialogo", "continue the dialogue"),
    ("continuar los intercambios", "continue the exchanges"),
    ("celebrar reuniones tecnicas", "hold technical meetings"),
    ("realizar reuniones tecnicas", "hold technical meetings"),
    ("sostener reuniones tecnicas", "hold technical meetings"),
    ("reuniones tecnicas", "technical meetings"),
    ("intercambiar informacion", "exchange information"),
    ("intercambio de informacion", "information exchange"),
    ("fortalecer la cooperacion", "strengthen cooperation"),
    ("reforzar la cooperacion", "strengthen cooperation"),
    ("crear un grupo de trabajo", "create a working group"),
    ("establecer un grupo de trabajo", "establish a working group"),
    ("grupo de trabajo", "working group"),
    ("reunirse nuevamente", "meet again"),
    ("volver a reunirse", "meet again"),
    ("la proxima ronda", "the next round"),
    ("la proxima reunion", "the next meeting"),
    ("se ha convertido en", "has become"),
    ("se han convertido en", "have become"),
    ("entre", "between"),
    ("en el exterior", "abroad"),
    ("no ha contestado todavia", "has not yet answered"),
    ("no han contestado todavia", "have not yet answered"),
    ("no ha respondido todavia", "has not yet answered"),
    ("no ha contestado", "has not answered"),
    ("no ha respondido", "has not answered"),
    ("se agilice", "speed up"),
    ("se agilicen", "speed up"),
    ("se acelere", "speed up"),
    ("se aceleren", "speed up"),
    ("en el extranjero", "abroad"),
    ("dentro de", "within"),
    ("ha hecho", "has made"),
    ("han hecho", "have made"),
    ("de hecho", "in fact"),
    ("a fin de", "in order to"),
    ("a su vez", "in turn"),
    ("dejar de", "stop"),
    ("entre ellos", "among them"),
    ("asi como", "as well as"),
    ("llevar a cabo", "carry out"),
    ("llevo a cabo", "carried out"),
    ("llevaron a cabo", "carried out"),
    ("lleva a cabo", "carries out"),
    ("llevan a cabo", "carry out"),
    ("acerca de", "about"),
    ("tomar en cuenta", "take into account"),
    ("en cuenta", "into account"),
    ("cuenta con", "has"),
    ("cuentan con", "have"),
    ("a la espera de", "awaiting"),
    ("naciones unidas", "United Nations"),
    ("las naciones unidas", "the United Nations"),
    ("seguido de", "followed by"),
    ("seguida de", "followed by"),
    ("en fecha por definir", "on a date to be set"),
    ("en una fecha por definir", "on a date to be set"),
    ("la ciudad de guatemala", "Guatemala City"),
    ("ciudad de guatemala", "Guatemala City"),
    ("la ciudad de panama", "Panama City"),
    ("ciudad de panama", "Panama City"),
    ("tuvo lugar", "took place"),
    ("tendra lugar", "will take place"),
    ("en lugar de", "instead of"),
    ("medio ambiente", "environment"),
    ("en marcha", "under way"),
    ("rueda de prensa", "press conference"),
    ("conferencia de prensa", "press conference"),
    ("seguridad ciudadana", "citizen security"),
    ("combate al", "fight against"),
    ("combate a", "fight against"),
    ("combate contra", "fight against"),
    ("entre ellas", "among them"),
    ("poner fin a", "end"),
    ("ponga fin a", "end"),
    ("pongan fin a", "end"),
    ("puso fin a", "ended"),
    ("que siguen pendientes", "still pending"),
    ("que siguen sin respuesta", "still unanswered"),
    ("rutas maritimas", "maritime routes"),
    ("mantener", "maintain"),
    ("intercambios tecnicos", "technical exchanges"),
    ("intercambios", "exchanges"),
    ("armas de fuego", "firearms"),
    ("un", "a"),
    ("una", "a"),
    ("sus", "their"),
    ("su", "its"),
    ("guardacostas", "coast guards"),
    ("guardias costeras", "coast guards"),
    ("crear", "create"),
    ("establecer", "establish"),
    ("celebrar", "hold"),
    ("intercambiar", "exchange"),
    ("redes", "networks"),
    ("ciudad de mexico", "Mexico City"),
    ("estados unidos", "the United States"),
    ("se opone a", "opposes"),
    ("se oponen a", "oppose"),
    ("la habana", "Havana"),
    ("washington", "Washington"),
    ("sobre", "on"),
    ("de", "of"),
    ("del", "of the"),
    ("la", "the"),
    ("el", "the"),
    ("los", "the"),
    ("las", "the"),
    ("y", "and"),
    ("en", "in"),
    ("con", "with"),
    ("para", "to"),
    ("ambos paises", "both countries"),
    ("los dos paises", "the two countries"),
    ("organismos", "agencies"),
    ("agencias", "agencies"),
    ("aplicacion de la ley", "law enforcement"),
    ("cooperacion", "cooperation"),
    ("narcotrafico", "drug trafficking"),
    ("trafico de drogas", "drug trafficking"),
    ("trata de personas", "human trafficking"),
    ("migracion", "migration"),
    ("migracion irregular", "irregular migration"),
    ("fugitivos", "fugitives"),
    ("deportaciones", "deportations"),
    ("retornos", "returns"),
    ("extradicion", "extradition"),
    ("mecanismo", "mechanism"),
    ("puesta en marcha", "launch"),
    ("firmar", "sign"),
    ("memorando de entendimiento", "memorandum of understanding"),
    ("protocolo", "protocol"),
    ("acuerdo", "agreement"),
    ("bilateral", "bilateral"),
    ("seguir trabajando", "keep working"),
    ("continuar trabajando", "continue working"),
    ("linea directa", "hotline"),
    ("ejercicio de simulacion", "tabletop exercise"),
    ("primera linea", "front line"),
    ("primera mitad del ano", "first half of the year"),
    ("segunda mitad del ano", "second half of the year"),
    ("a traves de", "through"),
    ("cerca de", "about"),
    ("mas de", "more than"),
    ("mil millones de", "billion"),
    ("mil millones", "billion"),
    ("millones de", "million"),
    ("y que", "and"),
    ("sea puesto en libertad", "be released"),
    ("sean puestos en libertad", "be released"),
    ("ve con buenos ojos", "welcomes"),
    ("acogio con satisfaccion", "welcomed"),
    ("en materia de", "on"),
    ("consejo de seguridad", "Security Council"),
    ("frente al", "against the"),
    ("a las que se les ha negado", "who have been refused"),
    ("a los que se les ha negado", "who have been refused"),
    ("en particular", "in particular"),
    ("en consecuencia", "accordingly"),
    ("antes de", "before"),
    ("despues de", "after"),
    ("ambas partes", "both sides"),
    ("las partes", "the parties"),
    ("la necesidad de", "the need for"),
    ("poner en marcha", "launch"),
    ("hoja de ruta", "roadmap"),
    ("puntos de contacto", "points of contact"),
    ("punto de contacto", "point of contact"),
    ("hacer frente a", "tackle"),
    ("delincuencia organizada", "organized crime"),
    ("crimen organizado", "organized crime"),
    ("lavado de dinero", "money laundering"),
    ("lavado de activos", "money laundering"),
    ("correo electronico", "email"),
    ("explotacion sexual infantil", "child sexual exploitation"),
    ("asistencia juridica mutua", "mutual legal assistance"),
    ("asistencia judicial", "judicial assistance"),
    ("grupos de trabajo", "working groups"),
    ("establecer grupos de trabajo", "set up working groups"),
    ("entendimiento bicentenario", "Bicentennial Framework"),
    ("salud publica", "public health"),
    ("pruebas electronicas", "electronic evidence"),
    ("prueba electronica", "electronic evidence"),
    ("infraestructura critica", "critical infrastructure"),
    ("infraestructuras criticas", "critical infrastructure"),
    ("cada vez mas", "increasingly"),
    ("de manera injusta", "unjustly"),
    ("de manera arbitraria", "arbitrarily"),
    ("injusta y arbitraria", "unjustly and arbitrarily"),
    ("no se conoce", "is not known"),
    ("no se conocen", "are not known"),
    ("personal diplomatico", "diplomatic staff"),
    ("rindan cuentas", "be held accountable"),
    ("rinda cuentas", "be held accountable"),
    ("ante la justicia", "before the courts"),
]
# Single words, "spanish=english" (underscores for spaces): a word-level rendering is enough
# for staff to review a list item; phrases above take precedence.
ES_WORDS = """
a=to al=to_the ante=before ambas=both ambos=both anual=annual anuales=annual ano=year anos=years
aplicacion=enforcement aplicar=apply acciones=actions accion=action acuerdos=agreements
acuerdo=agreement actividades=activities actividad=activity adoptar=adopt adoptadas=taken
aeronave=aircraft aeropuertos=airports agencias=agencies alianza=alliance alto=high
ampliar=expand antinarcoticos=counternarcotics apoyo=support asilo=asylum aumentar=increase
autor=perpetrator autoridades=authorities avanzar=move_forward avances=progress
bilaterales=bilateral bloqueo=blockade cada=each casos=cases caso=case cinco=five
ciudadanos=citizens civil=civil combatir=combat comercio=trade comerciales=commercial
comunes=common comun=common compromiso=commitment compromisos=commitments concretas=concrete
concretos=concrete conceder=grant conjunta=joint conjuntas=joint conjunto=joint conjuntos=joint
consulares=consular continuar=continue control=control controles=controls coordinar=coordinate
crear=create crimenes=crimes criminales=criminal cuentas=account cultivos=crops
cumplimiento=compliance cumplir=comply datos=data decision=decision delitos=crimes
derechos=rights desarrollo=development dialogo=dialogue dialogos=dialogues direcciones=addresses
disposicion=readiness drogas=drugs economico=economic economica=economic efectivo=effective
efectiva=effective ejecutivo=executive embajada=embassy embajadas=embassies
emigracion=emigration entendimiento=understanding entrega=delivery equipo=team esfuerzos=efforts
estos=these estas=these este=this esta=this esfera=field estrategica=strategic
estrategico=strategic estimula=encourages estimulan=encourage estimulo=encouragement
experiencias=experiences expertos=experts fenomenos=phenomena financia=finances firmar=sign
firmaron=signed fortalecer=strengthen fronteras=borders gobierno=government
gobiernos=governments grupos=groups guerra=war gestion=management humana=humane humano=humane
humanos=human ilegal=illegal ilegales=illegal ilicitas=illicit ilicitos=illicit ilicito=illicit
ilicita=illicit importancia=importance incluido=including incluida=including
incumplimiento=failure informe=report inmigrante=immigrant inmigrantes=immigrants
instrumentos=instruments intensificar=intensify intercambio=exchange internet=internet
investigaciones=investigations justicia=justice la_necesidad=the_need lesa=against lucha=fight
maliciosas=malicious maliciosos=malicious mantener=maintain marco=framework mas=more
mecanismos=mechanisms medidas=measures memorando=memorandum menos=least migratorios=migration
migratoria=migration migratorias=migration mineria=mining mitad=half muestras=samples
nacionales=nationals necesidad=need no=no nuevas=new nuevos=new nueva=new nuevo=new
ordenada=orderly ordenado=orderly oro=gold otorgar=grant otras=other otros=other
paises=countries pais=country patrocinadores=sponsors periodicamente=regularly personas=persons
politica=policy por=by practica=practice preocupacion=concern prevenir=prevent previsto=provided
procesos=processes produccion=production programas=programs propuestas=proposals
proteccion=protection proximo=next proximos=next pruebas=evidence publica=public
rechazo=rejection recursos=resources reducir=reduce reforzar=strengthen regular=regular
relaciones=relations repatriacion=repatriation requieren=require residentes=living
responsables=responsible reunirse=meet reuniones=meetings reunion=meeting rindan=render
seguir=continue segura=safe seguro=safe seguridad=security servicios=services sobre=on
solicitudes=requests suspension=suspension tecnicas=technical tecnicos=technical
terroristas=terrorist terrorismo=terrorism total=total trafico=trafficking
tramitacion=processing trata=trafficking union=union vigentes=in_force vinculadas=linked
vinculados=linked visas=visas y=and zonas=zones escatimar=spare informacion=information
ministerial=ministerial celebrar=hold estrategia=strategy que=that se=itself sus=their su=its
para=to en=in con=with del=of_the de=of la=the el=the los=the las=the un=a una=a lo=the
sucedido=happened aclarar=clarify garantizar=guarantee salud=health extranjeros=foreigners
prioridad=priority constante=constant permanente=permanent invariable=unwavering
colaborar=cooperate estadounidense=US estadounidenses=US cubano=Cuban cubana=Cuban
cubanos=Cubans cubanas=Cuban mexicano=Mexican mexicana=Mexican chino=Chinese china=Chinese
chinos=Chinese chinas=Chinese
colombiano=Colombian colombiana=Colombian injustificada=unjustified arbitraria=arbitrary
inclusion=inclusion lista=list demuestra=shows enfrentamiento=fighting estados=states
intercambios=exchanges reanudacion=resumption acceso=access transfronterizo=cross-border
prueba=evidence electronica=electronic recabada=gathered combate=combat judiciales=judicial
realizar=carry_out probar=test ejercicio=exercise ejercicios=exercises simulacion=simulation
linea=line directa=direct
directo=direct mundial=global sinteticas=synthetic sinteticos=synthetic sintetica=synthetic
sintetico=synthetic enjuiciar=prosecute autores=perpetrators identificar=identify
internacionales=international internacional=international puertos=ports puerto=port
europeos=European europeo=European europea=European europeas=European primera=first
primero=first primer=first segundo=second segunda=second tercer=third tercero=third
tercera=third rutas=routes ruta=route cocaina=cocaine fentanilo=fentanyl
ciberseguridad=cybersecurity ciberdelincuencia=cybercrime punto=point convertir=make
partes=parties parte=side erradicacion=eradication trabajando=working trabajar=work
trabajo=work contra=against hacia=towards desde=from hasta=until como=as reduccion=reduction
armas=arms desarticular=dismantle transnacionales=transnational transnacional=transnational
tecnico=technical trato=treatment reciben=receive mayoria=majority usadas=used usados=used
llegan=arrive contrabando=smuggling plena=full pleno=full area=area areas=areas ambito=field
ambitos=fields temas=issues tema=issue interes=interest mutuo=mutual mutua=mutual
enfrentar=confront investigar=investigate perseguir=prosecute sancionar=punish
delincuencia=crime crimen=crime organizado=organized organizada=organized migrantes=migrants
victimas=victims ninos=children menores=minors infantil=child explotacion=exploitation
sexual=sexual fraude=fraud tecnologia=technology tecnologias=technologies uso=use
fines=purposes financiamiento=financing lavado=laundering dinero=money activos=assets
fronteriza=border frontera=border vigilancia=surveillance maritima=maritime maritimo=maritime
capacitacion=training formacion=training asistencia=assistance tecnica=technical
juridica=legal judicial=judicial extradiciones=extraditions investigacion=investigation
evidencia=evidence posible=possible proxima=next siguiente=next voluntad=will respeto=respect
soberania=sovereignty reciprocidad=reciprocity beneficio=benefit seguimiento=follow-up
evaluar=assess revisar=review examinar=examine analizar=analyse promover=promote
impulsar=promote fomentar=encourage facilitar=facilitate mejorar=improve profundizar=deepen
consolidar=consolidate desarrollar=develop elaborar=draw_up implementar=implement
ejecutar=carry_out designar=designate enviar=send recibir=receive visitar=visit
convocar=convene organizar=organise preparar=prepare definir=define acordar=agree
suscribir=sign concluir=conclude negociar=negotiate negociaciones=negotiations
documento=document declaracion=declaration plan=plan programa=programme iniciativa=initiative
iniciativas=initiatives proyecto=project proyectos=projects comision=commission
comite=committee encuentro=meeting encuentros=meetings ronda=round rondas=rounds
sesion=session nivel=level altos=senior funcionarios=officials especialistas=specialists
instituciones=institutions ministerio=ministry ministerios=ministries oficina=office
contacto=contact comunicacion=communication canal=channel canales=channels
periodicas=regular periodicos=regular meses=months mes=month semanas=weeks dias=days
durante=during tras=after mediante=through sin=without dos=two tres=three todos=all todas=all
mismo=same misma=same importante=important necesario=necessary necesaria=necessary
eficaz=effective eficaces=effective oportuna=timely oportunas=timely estrecha=close
estrecho=close mayor=greater mejor=better regional=regional relacion=relationship
asociacion=partnership paz=peace construccion=building democracia=democracy rural=rural
sustitucion=substitution coca=coca es=is son=are fue=was ha=has han=have ser=be
atender=address adicciones=addictions problema=problem problemas=problems
coordinacion=coordination notificacion=reporting ataques=attacks ataque=attack
ransomware=ransomware infraestructuras=infrastructure infraestructura=infrastructure
criticas=critical critica=critical transfronterizas=cross-border transfronteriza=cross-border
transfronterizos=cross-border conversaciones=talks proseguir=continue electronicas=electronic
electronico=electronic electronicos=electronic directrices=guidelines peticiones=requests
responder=respond solicitar=request unas=some unos=some ciberdelitos=cybercrimes
ciberdelito=cybercrime
retorno=return regreso=return ciudadano=citizen ordenes=orders orden=order profugos=fugitives
profugo=fugitive autoridad=authority permitido=allowed permite=allows
permitir=allow llevar=bring hacia=towards alli=there aqui=here ya=already aun=still todavia=still
tambien=also ademas=in_addition solo=only siempre=always nunca=never muy=very bien=well
cuyo=whose cuya=whose donde=where cuando=when porque=because pero=but sino=but o=or ni=nor
si=if este=this ese=that esa=that esos=those esas=those dicho=said dicha=said tal=such
otro=other otra=other mismos=same mismas=same varios=several varias=several muchos=many
muchas=many algunos=some algunas=some ningun=no ninguna=no nuevo=new reciente=recent
recientes=recent actual=current actuales=current anterior=previous anteriores=previous
pasado=past ultimo=last ultima=last ultimos=last ultimas=last principal=main principales=main
esfuerzo=effort resultado=result resultados=results avance=progress logros=achievements
logro=achievement paso=step pasos=steps objetivo=objective objetivos=objectives meta=goal
metas=goals amenaza=threat amenazas=threats riesgo=risk riesgos=risks reto=challenge
retos=challenges desafio=challenge desafios=challenges oportunidad=opportunity
oportunidades=opportunities necesidades=needs interes=interest intereses=interests
beneficios=benefits apoyar=support ayudar=help ayuda=help cooperar=cooperate
compartir=share compartio=shared compartieron=shared reconocer=recognise reconocio=recognised
reconocieron=recognised valoro=valued valoraron=valued agradecio=thanked agradecieron=thanked
acordaron=agreed decidieron=decided convinieron=agreed analizaron=analysed revisaron=reviewed
abordaron=addressed trataron=discussed discutieron=discussed intercambiaron=exchanged
presentaron=presented presento=presented entrego=handed_over entregaron=handed_over
solicito=requested solicitaron=requested pidio=asked pidieron=asked planteo=raised
plantearon=raised recibio=received recibieron=received hacer=make hace=makes hizo=made
dar=give dio=gave tener=have tiene=has tienen=have tuvo=had haber=have habia=had sido=been
estar=be estan=are estuvo=was estado=state estados=states encuentran=are
encuentra=is existe=exists existen=exist sigue=remains siguen=remain queda=remains
quedan=remain debe=must deben=must puede=can pueden=can podria=could podrian=could
vida=life vidas=lives muerte=death muertes=deaths salud=health persona=person gente=people
poblacion=population familia=family familias=families nino=child mujeres=women mujer=woman
hombres=men jovenes=young_people comunidad=community comunidades=communities sociedad=society
empresa=company empresas=companies sector=sector privado=private privada=private
ley=law leyes=laws norma=rule normas=rules legislacion=legislation tratado=treaty
tratados=treaties convenio=agreement convenios=agreements carta=letter nota=note
comunicado=communiqué declaraciones=statements lista=list listas=lists registro=register
base=base bases=bases sistema=system sistemas=systems red=network plataforma=platform
herramienta=tool herramientas=tools capacidad=capacity capacidades=capabilities
operacion=operation operaciones=operations operativo=operation detencion=arrest
detenciones=arrests arresto=arrest arrestos=arrests captura=capture juicio=trial
proceso=process procesamiento=prosecution sentencia=sentence condena=conviction
carcel=prison prision=prison penal=criminal penales=criminal fiscal=prosecutor fiscales=prosecutors
policia=police policias=police policial=police policiales=police agentes=agents agente=agent
oficiales=officers oficial=officer militar=military militares=military fuerzas=forces
frontera=border aduana=customs aduanas=customs aduanera=customs puertos=ports costa=coast
mar=sea aereo=air aerea=air vuelos=flights vuelo=flight viaje=travel viajes=travel
pasaporte=passport pasaportes=passports visado=visa visados=visas visa=visa
deportados=deported deportado=deported remocion=removal expulsion=expulsion
sustancias=substances sustancia=substance precursores=precursors quimicos=chemical
quimicas=chemical laboratorios=laboratories laboratorio=laboratory venta=sale ventas=sales
cartel=cartel carteles=cartels organizaciones=organizations organizacion=organization
bandas=gangs banda=gang grupo=group
acepte=accept acepten=accept aceptar=accept acepto=accepted aceptaron=accepted
formas=forms forma=form ciberataque=cyberattack ciberataques=cyberattacks robo=theft
cibernetico=cyber cibernetica=cyber ciberneticos=cyber incluyo=included incluyeron=included
reforzo=strengthened reforzaron=strengthened amplio=expanded ampliaron=expanded
aprobo=approved aprobaron=approved adopto=adopted adoptaron=adopted firmo=signed detuvo=arrested
anuncio=announced anunciaron=announced informo=reported eliminar=eliminate abandonar=abandon
emigrar=emigrate salidas=departures salida=departure nacionales=nationals
controladas=controlled controlados=controlled controlada=controlled controlado=controlled
actue=act actuen=act espiritu=spirit numero=number terceros=third incluso=including
siendo=being programa=programme profesionales=professionals misiones=missions mision=mission
enero=January febrero=February marzo=March abril=April mayo=May junio=June julio=July
agosto=August septiembre=September octubre=October noviembre=November diciembre=December
creciente=growing crecientes=growing occidental=western oriental=eastern drones=drones
aseguradas=seized asegurados=seized asegurada=seized asegurado=seized decomisadas=seized
decomisados=seized incautadas=seized incautados=seized rastrear=trace origen=origin ue=EU
terrorista=terrorist extremista=extremist extremistas=extremist yihadista=jihadist
yihadistas=jihadist violento=violent violenta=violent violentos=violent violentas=violent
ingresan=enter ingresa=enters ilegalmente=illegally alimentan=fuel alimenta=fuels
violencia=violence delictivos=criminal delictivas=criminal delictivo=criminal delictiva=criminal
aseguramientos=seizures aseguramiento=seizure decomisos=seizures incautaciones=seizures
realizados=carried_out realizadas=carried_out frenar=curb
orienta=directs orientan=direct pone=puts ponen=put centro=centre pueblos=peoples
afrodescendientes=Afro-descendant indigenas=Indigenous naturaleza=nature respuesta=response
fenomeno=phenomenon compartida=shared compartido=shared enfoca=focuses enfocan=focus
eslabones=links eslabon=link fuertes=strong fuerte=strong cadena=chain trafican=traffic
lavan=launder campesinos=farmers cultivadores=growers asesinatos=killings asesinato=killing
lideres=leaders lider=leader defensores=defenders transitan=transit transita=transits
territorio=territory norte=north sur=south redoblar=redouble redoble=redouble
redoblen=redouble colabore=collaborate colaboren=collaborate
flujo=flow flujos=flows procedencia=origin crecido=grown manera=way rapido=rapid
crecimiento=growth europa=Europe seis=six millones=million millon=million visitas=visits
acoge=hosts acogen=host invertido=invested invertir=invest dolares=dollars hoy=today
venezolano=Venezuelan venezolana=Venezuelan venezolanos=Venezuelans venezolanas=Venezuelan
viajeros=travellers viajero=traveller incluidos=including incluidas=including valido=valid
validos=valid valida=valid validas=valid negado=refused negada=refused entrada=entry
restablezca=restore restablezcan=restore restablecer=restore plenamente=fully
ayude=help ayuden=help encontrar=find intensifique=step_up intensifiquen=step_up
mantenga=keep mantengan=keep refuerce=strengthen refuercen=strengthen
desmantelamiento=dismantling clandestinos=clandestine clandestinas=clandestine
presion=pressure incluir=include sanciones=sanctions permiso=permit busqueda=search
salvamento=rescue documentos=documents respalda=supports pueblo=people acogio=welcomed
satisfaccion=satisfaction urgencia=urgency tome=take tomen=take duraderas=lasting
duraderos=lasting operan=operate suelo=soil participaron=took_part departamentos=departments
sostuvo=maintained favorece=helps materia=matter efectivas=effective efectivos=effective
simplificar=simplify tramites=procedures estudiantes=students empresarios=business_people
miembros=members cuyas=whose cuyos=whose acumulan=pile_up paralelas=parallel
paralelos=parallel acelerar=speed_up turistas=tourists quienes=those_who recibe=receives
llega=arrives vias=means humanas=human devueltos=returned devueltas=returned
interceptados=intercepted interceptadas=intercepted emigrantes=emigrants
irregular=irregular irregulares=irregular conformidad=accordance urgente=urgent urgentes=urgent
permanentes=permanent
acompanamiento=support recuperar=recover bienes=assets activos=assets estructuras=structures
estructura=structure localizar=locate entregar=hand_over requerida=wanted requerido=wanted
requeridas=wanted requeridos=wanted secuestro=kidnapping secuestros=kidnappings isla=island
colaboracion=collaboration efectuar=carry_out correspondientes=relevant correspondiente=relevant
propio=own propia=own propios=own propias=own secretario=secretary secretaria=secretary
admitio=admitted admitieron=admitted conoce=knows conocen=know dano=harm danos=damage
sufrido=suffered sufrida=suffered personal=staff recurren=resort recurre=resorts
mensajeria=messaging cifrada=encrypted cifrados=encrypted cifradas=encrypted captar=recruit
financiar=finance figura=appears figure=appear supuestamente=supposedly patrocinan=sponsor
patrocina=sponsors incidentes=incidents incidente=incident presuntos=alleged presunto=alleged
presuntas=alleged presunta=alleged supuestos=alleged supuestas=alleged supuesto=alleged
pesquisas=investigations aportado=provided aporto=provided explicaciones=explanations
justifiquen=justify justifique=justifies afectan=affect afecta=affects
funcionamiento=functioning especializadas=specialised especializados=specialised
unilaterales=unilateral unilateral=unilateral condena=conviction asesino=murdered huido=fled
proteger=protect responsabilidad=responsibility manipulacion=manipulation diplomaticos=diplomats
confianza=trust mientras=while vigor=force sede=headquarters clima=climate fuentes=sources
fuente=source tipo=type vez=time nuevamente=again fin=end inteligencia=intelligence
pasajeros=passengers atentados=attacks atentado=attack consenso=consensus alcanzado=reached
alcanzados=reached alcanzada=reached alcanzadas=reached delito=crime ciudades=cities ciudad=city
texto=text buena=good bueno=good buenas=good buenos=good semestre=half-year agenda=agenda
lados=sides lado=side vigente=in_force seguras=safe seguros=safe nuestras=our nuestra=our
nuestros=our nuestro=our enfoque=approach aumento=increase viajar=travel visita=visit
financieros=financial financieras=financial financiero=financial financiera=financial
eficacia=effectiveness procesar=prosecute hechos=acts hecho=act individuos=individuals
flagelo=scourge constituyen=constitute constituye=constitutes siglo=century tejido=fabric
demanda=demand sobredosis=overdoses plazo=term mediano=medium largo=long corto=short todo=all
frontal=frontal entornos=environments entorno=environment armonia=harmony basados=based
basadas=based basado=based basada=based reales=real real=real surgen=arise surge=arises
sociedades=societies mostraron=showed muestra=shows demuestran=show equipos=teams persiguen=pursue
masivo=mass masiva=mass telefono=telephone buscan=seek busca=seeks aprovechar=exploit cualquier=any
vacio=gap extensa=long extenso=long necesarias=necessary necesarios=necessary patrullaje=patrol
patrullajes=patrols conocido=known conocida=known aprobacion=approval agilizar=speed_up
acusatorio=accusatory operar=operate debera=must deberan=must podra=will_be_able_to
podran=will_be_able_to sera=will_be seran=will_be fueron=were estaba=was imposible=impossible
erradicar=eradicate alcanzar=achieve lograr=achieve lograron=achieved legal=legal legales=legal
entradas=entries alientan=encourage futuro=future dada=given dado=given amplia=broad debate=debate
coincidencia=agreement blindar=shield corporaciones=forces locales=local local=local
profesionalizar=professionalise transformacion=transformation abarca=covers
fortalecimiento=strengthening penitenciario=prison reinsercion=reintegration social=social
superar=overcome camino=path impunidad=impunity corrupcion=corruption combatientes=fighters
reglas=rules compatibles=compatible obligaciones=obligations contradictorias=contradictory
dejar=leave permitira=will_allow permitio=allowed propuesta=proposal congreso=Congress
aprobada=passed aprobado=passed exencion=exemption requiere=requires necesitan=need necesita=needs
ninas=girls unicamente=only embargo=however aunque=although mayores=greater menor=smaller
mejores=better gran=great grandes=great
juez=judge jueces=judges acusado=accused acusados=accused solicitantes=applicants deba=must
deban=must juntos=together devolucion=return estrategias=strategies
cuatro=four seis=six siete=seven ocho=eight nueve=nine diez=ten avion=aircraft aviones=aircraft
representantes=representatives representante=representative lugar=place prensa=press
organos=bodies cupos=places academias=academies formacion=training capacitacion=training
prevista=planned previsto=planned impacto=impact presencia=presence mercancias=goods
secuestradores=hijackers embarcacion=vessel embarcaciones=vessels
"""
# Countries as Spanish writes them, where English does not.
ES_COUNTRIES = """
alemania=Germany austria=Austria belgica=Belgium bulgaria=Bulgaria chipre=Cyprus
croacia=Croatia dinamarca=Denmark eslovaquia=Slovakia eslovenia=Slovenia espana=Spain
estonia=Estonia finlandia=Finland francia=France grecia=Greece hungria=Hungary
irlanda=Ireland italia=Italy letonia=Latvia lituania=Lithuania luxemburgo=Luxembourg
paises_bajos=Netherlands polonia=Poland republica_checa=Czech_Republic
rumania=Romania suecia=Sweden reino_unido=United_Kingdom suiza=Switzerland
noruega=Norway rusia=Russia ucrania=Ukraine turquia=Turkey marruecos=Morocco
argelia=Algeria egipto=Egypt arabia_saudita=Saudi_Arabia irak=Iraq siria=Syria
afganistan=Afghanistan pakistan=Pakistan japon=Japan corea_del_sur=South_Korea
filipinas=Philippines tailandia=Thailand brasil=Brazil peru=Peru panama=Panama
haiti=Haiti republica_dominicana=Dominican_Republic canada=Canada mexico=Mexico
"""
# Nationalities by their stem, read in their four forms: "guatemalteco", "guatemalteca" and
# "guatemaltecas" are "Guatemalan", "guatemaltecos" alone "Guatemalans".
ES_NATIONALITIES = """
cuban=Cuban mexican=Mexican colombian=Colombian venezolan=Venezuelan guatemaltec=Guatemalan
peruan=Peruvian brasilen=Brazilian ecuatorian=Ecuadorian
salvadoren=Salvadoran honduren=Honduran panamen=Panamanian dominican=Dominican
chilen=Chilean bolivian=Bolivian europe=European american=American chin=Chinese
"""
_NATIONALITY_STEMS = [pair.split("=") for pair in ES_NATIONALITIES.split()]


def _nationality_forms(stem: str, english: str) -> list[tuple[str, str]]:
    plural = english if english.endswith("ese") else f"{english}s"
    return [
        (f"{stem}o", english),
        (f"{stem}a", english),
        (f"{stem}os", plural),
        (f"{stem}as", english),
    ]


_WORDS = [
    tuple(w.replace("_", " ") for w in pair.split("="))
    for pair in (ES_WORDS + ES_COUNTRIES).split()
]
_GIVEN = {es for es, _en in _WORDS}
_WORDS += [
    form
    for stem, english in _NATIONALITY_STEMS
    for form in _nationality_forms(stem, english)
    if form[0] not in _GIVEN
]
# Spanish endings with a regular English cognate: "deportación" → "deportation",
# "capacidades" → "capacities", "económicos" → "economic", "penales" → "penal" (a word spelt
# the same in both languages, "final", "decisión", counts as covered: it reads as English).
COGNATE_ENDINGS = [
    ("cciones", "ctions"),
    ("ccion", "ction"),
    ("ciones", "tions"),
    ("cion", "tion"),
    ("siones", "sions"),
    ("sion", "sion"),
    ("idades", "ities"),
    ("idad", "ity"),
    ("icos", "ic"),
    ("icas", "ic"),
    ("ico", "ic"),
    ("ica", "ic"),
    ("ivos", "ive"),
    ("ivas", "ive"),
    ("ivo", "ive"),
    ("iva", "ive"),
    ("ables", "able"),
    ("able", "able"),
    ("ales", "al"),
    ("al", "al"),
]
# Spanish adjectives, which follow their noun: "cooperación bilateral" → "bilateral
# cooperation", "ciudadanos cubanos" → "Cuban citizens", "redes vinculadas" → "linked networks".
ADJECTIVE_ENDING = re.compile(
    r"(?:ense|enses|al|ales|ico|ica|icos|icas|ivo|iva|ivos|ivas|ado|ada|ados|adas|ido|ida|"
    r"idos|idas)$"
)
# Adjectives whose ending says nothing ("especialistas", "presidente" are nouns).
_ADJECTIVES = """terrorista terroristas extremista extremistas yihadista yihadistas creciente
crecientes reciente recientes urgente urgentes permanente permanentes irregular irregulares
violento violenta violentos violentas migratorio migratoria migratorios migratorias
correspondiente correspondientes concreto concreta concretos concretas conjunto conjunta conjuntos
conjuntas estrecho estrecha estrechos estrechas ilicito ilicita ilicitos ilicitas clandestino
clandestina clandestinos clandestinas maritimo maritima maritimos maritimas fuerte fuertes comun
comunes"""
ADJECTIVES = frozenset(_ADJECTIVES.split())
NATIONALITIES = frozenset(
    f"{stem}{end}" for stem, _en in _NATIONALITY_STEMS for end in ("o", "a", "os", "as")
)
# Words that are neither a noun an adjective follows nor such an adjective ("ha permitido",
# "este ámbito").
_NOT_NOUNS = """a al ante de del la el los las y e en con para por un una sus su que se lo le les
    este esta estos estas ese esa esos esas aquel dicho dicha mismo misma otro otra otros otras
    todo toda todos todas cada ha han habia habian hemos fue fueron es son sido sera seran
    estan estuvo quedo quedaron muy mas menos ser estar esta estaba debe deben puede pueden
    sobre contra entre hacia desde hasta sin tras durante mediante segun bajo"""
NOT_NOUNS = frozenset(_NOT_NOUNS.split())


# Spanish verbs, "infinitive=english": "english/past" where the English past is irregular
# or doubles its consonant, "base/past/participle" where the participle differs too, and
# "infinitive~ie", "~ue" or "~i" where the Spanish stem changes ("extender~ie": "extiende").
# Each is read in the forms a report uses (the third persons of the present, subjunctive,
# preterite, imperfect, future and conditional, the participle and the gerund), so that
# "reanudaran", "comprometen" and "reforzado" read as English without a list of every form.
# A form the glossary already gives keeps its entry there.
ES_VERBS = """
abordar=address acabar=end aceptar=accept acelerar=speed_up acercar=bring_closer/brought/brought
aclarar=clarify acompanar=accompany acordar~ue=agree actuar=act actualizar=update adoptar=adopt
afectar=affect agilizar=speed_up agravar=aggravate aguardar=await alcanzar=reach ampliar=expand
analizar=analyse anunciar=announce aplicar=apply apoyar=support aprobar~ue=approve
aprovechar=exploit asegurar=ensure asistir=attend aumentar=increase autorizar=authorise
avanzar=advance ayudar=help beneficiar=benefit blindar=shield buscar=seek/sought
calificar=describe capacitar=train captar=recruit celebrar=hold/held centrar=focus cesar=cease
combatir=combat comenzar~ie=begin/began/begun compartir=share comprometer=commit/committed
comunicar=communicate concertar~ie=agree concluir=conclude condenar=condemn confirmar=confirm
confrontar=confront congelar=freeze/froze/frozen considerar=consider consolidar=consolidate
constar=record construir=build/built contar~ue=count contestar=answer continuar=continue
contribuir=contribute controlar=control/controlled convocar=convene cooperar=cooperate
coordinar=coordinate crear=create cruzar=cross cumplir=comply dedicar=devote defender~ie=defend
definir=define dejar=leave/left denunciar=denounce depender=depend deportar=deport
desarrollar=develop desarticular=dismantle designar=designate destacar=highlight detener=detain
devolver~ue=return dirigir=direct discutir=discuss disenar=design disminuir=reduce
efectuar=carry_out ejecutar=carry_out elaborar=draw_up/drew/drawn eliminar=eliminate
emigrar=emigrate empezar~ie=begin/began/begun encabezar=lead/led encontrar~ue=find/found
enfrentar=confront enjuiciar=prosecute entorpecer=hinder entregar=hand_over enviar=send/sent
erradicar=eradicate escatimar=spare esperar=expect establecer=establish estimular=encourage
estrechar=tighten evaluar=assess evitar=avoid examinar=examine exhortar=urge exigir=demand
explorar=explore expresar=express extender~ie=extend extraditar=extradite facilitar=facilitate
financiar=finance firmar=sign fomentar=encourage fortalecer=strengthen frenar=curb
garantizar=guarantee gestionar=manage identificar=identify impedir~i=prevent
implementar=implement impulsar=promote incluir=include incrementar=increase informar=inform
iniciar=begin/began/begun insistir=insist instar=urge integrar=make_up/made/made
intensificar=intensify intercambiar=exchange interceptar=intercept investigar=investigate
invertir~ie=invest lanzar=launch limitar=limit llamar=call llevar=bring/brought localizar=locate
lograr=achieve luchar=fight/fought manifestar~ie=express mejorar=improve modificar=amend
monitorear=monitor necesitar=need negociar=negotiate obtener=obtain planear=plan/planned
ocurrir=occur/occurred ofrecer=offer operar=operate organizar=organise otorgar=grant
participar=take_part/took/taken perseguir~i=prosecute permitir=allow plantear=raise
precisar=specify preparar=prepare presentar=present preservar=preserve presidir=chair
prevenir=prevent procesar=prosecute procurar=seek profesionalizar=professionalise
profundizar=deepen prohibir=ban/banned promover~ue=promote proponer=propose proporcionar=provide
proseguir~i=continue proteger=protect proveer=provide realizar=carry_out reanudar=resume
recibir=receive reclamar=demand recordar~ue=recall recuperar=recover redoblar=redouble
reducir=reduce reforzar~ue=strengthen regresar=return reiterar=reiterate relanzar=relaunch
remitir=send/sent repatriar=repatriate reprimir=suppress requerir~ie=require resolver~ue=resolve
respaldar=back respetar=respect responder=respond restablecer=restore retomar=resume
revisar=review robar=steal/stole/stolen sancionar=punish senalar=point_out simplificar=simplify
solicitar=request subrayar=underline suministrar=supply superar=overcome/overcame/overcome
suprimir=abolish suscribir=sign sustentar=support sustituir=replace tomar=take/took/taken
trabajar=work transferir~ie=transfer/transferred transmitir=convey trasladar=transfer
tratar=address unir=unite utilizar=use valorar=value verificar=verify viajar=travel
vigilar=monitor vincular=link violar=violate visitar=visit advertir~ie=warn sugerir~ie=suggest
entender~ie=understand/understood mostrar~ue=show/showed/shown seguir~i=continue probar~ue=test
elegir~i=elect
"""


def _english_forms(spec: str) -> dict[str, str]:
    base, _, past = spec.replace("_", " ").partition("/")
    past, _, participle = past.partition("/")
    head, _, rest = base.partition(" ")
    rest = f" {rest}" if rest else ""
    if past:
        participle = f"{participle or past}{rest}"
        past += rest
    else:
        if head.endswith("e"):
            past = head + "d"
        elif head.endswith("y") and head[-2:-1] not in "aeiou":
            past = head[:-1] + "ied"
        else:
            past = head + "ed"
        past += rest
    if head.endswith(("s", "sh", "ch", "x", "z")):
        third = head + "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        third = head[:-1] + "ies"
    else:
        third = head + "s"
    if past.split()[0] == f"{head}{head[-1]}ed":
        ing = f"{head}{head[-1]}ing"  # "planned", "planning"
    else:
        ing = (head[:-1] if head.endswith("e") and not head.endswith("ee") else head) + "ing"
    return {
        "participle": participle or past,
        "base": base,
        "third": third + rest,
        "past": past,
        "ing": ing + rest,
        "future": f"will {base}",
        "conditional": f"would {base}",
    }


def _subjunctive_stem(stem: str, ending: str) -> str:
    """The stem before a subjunctive "-e": "identifique", "entregue", "garantice",
    "proteja", "persiga"."""
    if ending == "ar":
        for plain, changed in (("c", "qu"), ("g", "gu"), ("z", "c")):
            if stem.endswith(plain):
                return stem[: -len(plain)] + changed
    elif stem.endswith("gu"):
        return stem[:-1]
    elif stem.endswith("g"):
        return stem[:-1] + "j"
    elif stem.endswith(("ec", "uc")):
        return stem[:-1] + "zc"  # "establezca", "ofrezca", "reduzca"
    elif stem.endswith("c"):
        return stem[:-1] + "z"
    return stem


def _changed(stem: str, vowel: str, to: str) -> str:
    i = stem.rfind(vowel)
    return stem[:i] + to + stem[i + 1 :] if i >= 0 else stem


def _stems(stem: str, ending: str, change: str) -> tuple[str, str]:
    """The stems of the present ("extiende", "refuerza", "persigue") and of the -ir
    preterite and gerund ("advirtió", "persiguiendo") of a verb whose stem changes."""
    vowel = "o" if change == "ue" else "e"
    present = _changed(stem, vowel, change) if change else stem
    weak = stem
    if ending == "ir" and change:
        weak = _changed(stem, vowel, "u" if vowel == "o" else "i")
    return present, weak


def _spanish_forms(infinitive: str, change: str = "") -> list[tuple[str, str]]:
    """(folded form, English form name); the preterite singular is left to
    `PRETERITES`, since without its accent it is a noun ("apoyo", "trabajo")."""
    stem, ending = infinitive[:-2], infinitive[-2:]
    present, weak = _stems(stem, ending, change)
    subj = _subjunctive_stem(present, ending)
    if ending == "ar":
        forms = [
            (present, "a", "third"),
            (present, "an", "base"),
            (stem, "aron", "past"),
            (stem, "aba", "past"),
            (stem, "aban", "past"),
            (stem, "ando", "ing"),
            (stem, "ara", "future"),
            (stem, "aran", "future"),
            (stem, "aria", "conditional"),
            (stem, "arian", "conditional"),
        ]
        subjunctive = [("e", "base"), ("en", "base")]
        participle = "ad"
    else:
        y = "y" if stem.endswith("u") and ending == "ir" and not change else "i"
        forms = [
            (present, "ye" if y == "y" else "e", "third"),  # "incluye", "contribuyen"
            (present, "yen" if y == "y" else "en", "base"),
            (weak, f"{y}eron", "past"),
            (stem, "ia", "past"),
            (stem, "ian", "past"),
            (weak, f"{y}endo", "ing"),
            (stem, f"{ending[0]}ra", "future"),
            (stem, f"{ending[0]}ran", "future"),
            (stem, f"{ending[0]}ria", "conditional"),
            (stem, f"{ending[0]}rian", "conditional"),
            (weak, f"{y}era", "past"),
            (weak, f"{y}eran", "past"),
        ]
        subjunctive = [("ya" if y == "y" else "a", "base"), ("yan" if y == "y" else "an", "base")]
        participle = "id"
    result = [(infinitive, "base")]
    result += [(base + end, name) for base, end, name in forms]
    result += [(subj + end, name) for end, name in subjunctive]
    result += [(f"{stem}{participle}{end}", "participle") for end in ("o", "a", "os", "as")]
    return result


_VERBS = [pair.split("=") for pair in ES_VERBS.split()]
_VERB_FORMS: dict[str, str] = {}
# "reanudó", "reanudaron" ... : a preterite singular is read only with its accent.
PRETERITES: dict[str, str] = {}
for _verb, _spec in _VERBS:
    _infinitive, _, _change = _verb.partition("~")
    _english = _english_forms(_spec)
    for _form, _name in _spanish_forms(_infinitive, _change):
        _VERB_FORMS.setdefault(_form, _english[_name])
    _weak = _stems(_infinitive[:-2], _infinitive[-2:], _change)[1]
    _preterite = _weak + ("o" if _infinitive.endswith("ar") else "io")
    PRETERITES.setdefault(_preterite, _english["past"])


_BY_FIRST_WORD: dict[str, list[tuple[list[str], str]]] = {}
for _es, _en in sorted([*ES_GLOSSARY, *_WORDS], key=lambda kv: -len(kv[0])):
    _BY_FIRST_WORD.setdefault(_es.split()[0], []).append((_es.split(), _en))


# An infinitive with its object pronoun attached: "eliminarlas" → "eliminate them".
CLITIC = re.compile(r"^(\w+(?:ar|er|ir))(la|las|lo|los|le|les)$")


def _with_clitic(word: str) -> str | None:
    m = CLITIC.match(word)
    if not m:
        return None
    verb = next((en for parts, en in _BY_FIRST_WORD.get(m.group(1), ()) if len(parts) == 1), None)
    return verb and f"{verb} {'it' if m.group(2) in ('la', 'lo', 'le') else 'them'}"


def _noun_not_verb(words: list[str], i: int) -> bool:
    """Is the verb form at `i` the noun it spells, after an article ("la firma")?"""
    return words[i] in VERB_FORM_WORDS and i > 0 and words[i - 1] in DETERMINERS


def _preterite(word: str, folded: str) -> str | None:
    """ "reanudó" is "resumed"; "apoyo", with no accent, is a noun."""
    return PRETERITES.get(folded) if word.endswith("ó") else None


def cognate(word: str) -> str | None:
    """The English cognate of a folded Spanish word of five letters or more, if its ending
    has a regular one."""
    if len(word) < 5:
        return None
    for es, en in COGNATE_ENDINGS:
        if word.endswith(es):
            return word[: -len(es)] + en
    return None


# Nouns with an adjective's ending: "el estado cubano" is "the Cuban state".
_ADJECTIVE_LIKE_STEMS = """estad partid resultad mercad tratad senad pasad contenid sentid
    cuidad grad lad delegad abogad soldad emplead aliad legad trafic tejid"""
# ... and in "-ada"/"-ida": "medidas efectivas" is "effective measures".
_FEMININE_STEMS = "medid salid vid partid llegad entrad embajad jornad"
ADJECTIVE_LIKE_NOUNS = frozenset(
    f"{stem}{end}" for stem in _ADJECTIVE_LIKE_STEMS.split() for end in ("o", "os")
) | frozenset(f"{stem}{end}" for stem in _FEMININE_STEMS.split() for end in ("a", "as"))


# A verb form after an article or a possessive is the noun it spells: "la firma del
# memorando", "la denuncia", "el enviado especial", "un destacado grupo", "su llamada".
_DETERMINERS = "el la los las un una unos unas su sus del al este esta ese esa"
DETERMINERS = frozenset(_DETERMINERS.split())
VERB_FORM_WORDS: set[str] = set()
# A verb form is a single word and yields to the glossary's own entry for that word.
_SINGLE_WORDS = {es for es, _en in [*ES_GLOSSARY, *_WORDS] if " " not in es}
for _form, _en in _VERB_FORMS.items():
    if _form not in _SINGLE_WORDS and _form not in NOT_NOUNS and _form not in ADJECTIVE_LIKE_NOUNS:
        _BY_FIRST_WORD.setdefault(_form, []).append(([_form], _en))
        VERB_FORM_WORDS.add(_form)


def _is_adjective(es: str, en: str) -> bool:
    return (
        " " not in en
        and es not in NOT_NOUNS
        and es not in ADJECTIVE_LIKE_NOUNS
        and (es in NATIONALITIES or es in ADJECTIVES or bool(ADJECTIVE_ENDING.search(es)))
    )


NUMBER = re.compile(r"\d[\d.,]*")
# "hacer permanente": an infinitive is no noun an adjective could move before.
INFINITIVE = re.compile(r"\w{2,}(?:ar|er|ir)$")
PARTICIPLE = re.compile(r"(?:ad|id)(?:o|a|os|as)$")
COMPLEMENT_WORDS = frozenset({"en", "como", "por", "con", "a", "para"})


def translate_es(text: str) -> str:
    """Render a short Spanish phrase in English through a small glossary and regular
    cognates, for staff review; an adjective goes before its noun.

    Phrases the glossary does not mostly cover are returned unchanged: a half-translated
    sentence is worse than the original.
    """
    original = text.split()
    words = [w.strip(",.;") for w in fold(text).split()]
    aligned = len(original) == len(words)
    # The punctuation after each word, kept in place when words are rendered or moved.
    marks = [w[len(w.rstrip(",.;")) :] for w in original] if aligned else [""] * len(words)

    def original_case(k: int) -> str:
        return original[k].rstrip(",.;") if aligned else words[k]

    # (English, Spanish if one word that may move, index of its last Spanish word)
    out: list[tuple[str, str | None, int]] = []
    i, covered = 0, 0
    while i < len(words):
        # "China" is the country, not "chinos"/"china" (Chinese): a capitalised
        # nationality word is kept as written.
        capitalised_nationality = (
            words[i] in NATIONALITIES
            and original_case(i)[:1].isupper()
            and (i > 0 or words[i] == "china")
        )
        for parts, en in () if capitalised_nationality else _BY_FIRST_WORD.get(words[i], ()):
            if len(parts) == 1 and _noun_not_verb(words, i):
                continue
            if words[i : i + len(parts)] == parts:
                # A capitalised word is a name's ("Estados Unidos", "Ley de Ajuste Cubano").
                one = len(parts) == 1 and not (i and original_case(i)[:1].isupper())
                out.append((en, words[i] if one else None, i + len(parts) - 1))
                i += len(parts)
                covered += len(parts)
                break
        else:
            word = original_case(i)
            english = (
                None
                if word[:1].isupper()
                else _preterite(word, words[i]) or _with_clitic(words[i]) or cognate(words[i])
            )
            # Numbers and proper names ("Washington", "AN-2") need no translation.
            named = (i > 0 or capitalised_nationality) and word[:1].isupper()
            covered += bool(english) or bool(NUMBER.fullmatch(words[i])) or named
            single = english and " " not in english
            out.append((english or word, words[i] if single else None, i))
            i += 1
    if covered < 0.8 * len(words):
        return text
    rendered = [en for en, _es, _last in out]
    for k in range(1, len(out)):
        (en_before, es_before, _), (en, es, last) = out[k - 1], out[k]
        noun_before = (
            es_before is not None
            and " " not in en_before
            and es_before not in NOT_NOUNS
            and not INFINITIVE.search(es_before)
            and not _is_adjective(es_before, en_before)
        )
        # A participle with its complement stays after: "entornos basados en ...",
        # "el programa conocido como ...".
        complement = (
            k + 1 < len(out)
            and PARTICIPLE.search(es or "")
            and (words[out[k + 1][2]] in COMPLEMENT_WORDS)
        )
        if es is not None and noun_before and not complement and _is_adjective(es, en):
            # "cubanos" is "Cubans" alone, "Cuban" before a noun.
            adjective = en[:-1] if es in NATIONALITIES and en.endswith("ns") else en
            rendered[k - 1], rendered[k] = adjective, rendered[k - 1]
            out[k] = (en, None, last)  # an adjective moves once: "crimen organizado transnacional"
    return " ".join(
        word + marks[last] for word, (_en, _es, last) in zip(rendered, out, strict=True)
    )
